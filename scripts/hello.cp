* hello.cp: the smallest VMCF conversation, and the README's opening example. A accepts
* special messages: AUTHORIZE SMSG with a 169-byte buffer, room for the 40-byte header and
* 129 bytes of text (docs/vmcf.md#smsg). B's SMSG reaches A as a SENDX from SYSTEM with B's
* userid in VMCMUSE and the text at offset 40 (docs/decisions.md#d3). Then B SENDs a VMCF
* message; A RECEIVEs it, and B is presented the RESPONSE (docs/vmcf.md#send-protocol).
LOGON A
VMCF AUTHORIZE SMSG BUF 169
LOGON B
VMCF AUTHORIZE
SMSG A Hello, A. This is B.
VMCF SEND A DATA 'HELLO FROM B'
A: VMCF RECEIVE B MID 1
LOGOFF
