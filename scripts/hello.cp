* hello.cp: the smallest VMCF conversation, and the README's opening example.
* A accepts special messages: AUTHORIZE SMSG, a 169-byte buffer (40-byte header + 129 bytes
* of text, docs/vmcf.md#smsg). B's SMSG reaches A as a SENDX from SYSTEM, B's userid in
* VMCMUSE, the text at offset 40 (docs/decisions.md#d3). B SENDs a message, A RECEIVEs it,
* B gets the RESPONSE (docs/vmcf.md#send-protocol).
LOGON A
VMCF AUTHORIZE SMSG BUF 169
LOGON B
VMCF AUTHORIZE
SMSG A Hello, A. This is B.
VMCF SEND A DATA 'HELLO FROM B'
A: VMCF RECEIVE B MID 1
LOGOFF
