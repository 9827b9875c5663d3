* hello.cp: the smallest VMCF conversation.
* A accepts special messages; B sends A one, then a VMCF message that A receives.
LOGON A
VMCF AUTHORIZE SMSG BUF 169
LOGON B
VMCF AUTHORIZE
SMSG A Hello, A. This is B.
VMCF SEND A DATA 'HELLO FROM B'
A: VMCF RECEIVE B MID 1
LOGOFF
