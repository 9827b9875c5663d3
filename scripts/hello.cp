* hello.cp: the smallest VMCF conversation, and the README's opening example.
* A accepts special messages: AUTHORIZE SMSG, a 169-byte buffer (40-byte header + 129 bytes
* of text, docs/vmcf.md#smsg). B's SMSG reaches A as a SENDX from SYSTEM, B's userid in
* VMCMUSE, the text at offset 40 (docs/decisions.md#d3). B SENDs a message, A RECEIVEs it,
* B gets the RESPONSE (docs/vmcf.md#send-protocol).
LOGON A
VMCF AUTHORIZE SMSG BUF 169
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
SMSG A Hello, A. This is B.
*= A: INTERRUPT SMSG FROM B STAT NONE EFLG 0 LENA 20 TEXT 'Hello, A. This is B.'
VMCF SEND A DATA 'HELLO FROM B'
*= B: SEND TO A MID 1: RC 0
*= A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 12
A: VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 0
*= A: DATA MOVED TO 020000 'HELLO FROM B'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 1 STAT RESP EFLG 0 LENA 0
LOGOFF
