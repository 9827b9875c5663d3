* typos.cp: typing mistakes and CP's answers. See docs/console.md#cp-messages,
* #input, #errors, #front-ends. A rejected line prints CP's message id and text with the
* script's name and line, a caret under the word at fault, and the session goes on
* (the replay's exit status is then 1).
LOGOFF
VMCF AUTHORIZE
LOGON
LOGON TOOLONGNAME
LOGON A
FOO BAR
L0GOFF
QUERY
* NAMES abbreviates to NAM: a shorter word is taken as a userid, as CP did.
Q N
SET SMSG MAYBE
SET
DEFINE STORAGE 3X
DEFINE STORAGE
DISPLAY Z100
DISPLAY L1G0
STORE L100
STORE S100 XYZ
STORE L100 123456789ABCDEF012
VMCF
VMCF FROBNICATE
VMCF SEND
VMCF SEND B MID
VMCF SEND B MID X'ZZ'
VMCF SEND B DATA 'unterminated
VMCF SEND B DATA X'ABC'
VMCF SEND B USE X'00112233445566778899'
VMCF SEND B SPECIFIC C
VMCF AUTHORIZE BUF
VMCF RECEIVE B
DIAG 68
DIAG 69 L800
NOBODY: QUERY TIME
HELP FROBNICATE
* After all that the session still works.
QUERY NAMES
