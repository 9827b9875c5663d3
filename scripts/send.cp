* send.cp: the SEND protocol end to end. See docs/vmcf.md#send-protocol, #send,
* #receive.
* A SEND puts the data's address and length in a SEND interrupt for the sink; CP moves
* nothing until the sink RECEIVEs, then presents the final RESPONSE to the source
* (VMCMRESP X'80', VMCMLENA = bytes not moved). The source's doubleword reaches the
* sink; the sink's RECEIVE doubleword comes back in the RESPONSE (docs/decisions.md#d1).
LOGON A
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
* B sends 12 bytes with MID 7 and a doubleword; A is presented the SEND interrupt.
VMCF SEND A MID 7 DATA 'HELLO FROM B' USE 'B-REQ'
*= B: SEND TO A MID 7: RC 0
*= A: INTERRUPT SEND FROM B MID 7 STAT NONE EFLG 0 LENA 12 USE 'B-REQ'
*= B: NO INTERRUPT
* A receives into a buffer larger than the data: only the 12 bytes move.
A: VMCF RECEIVE B MID 7 INTO L30000 LEN 100 USE X'00000000000000C8'
*= A: RECEIVE FROM B MID 7: RC 0
*= A: DATA MOVED TO 030000 'HELLO FROM B'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 7 STAT RESP EFLG 0 LENA 0 USE X'C8'
A: DISPLAY T30000.10
*= A: STORAGE 030000 'HELLO FROM B'
* A zero-length SEND is legal: only the header and doubleword travel
* (docs/vmcf.md#fields-by-subfunction).
VMCF SEND A MID 8 USE 'EMPTY'
*= B: SEND TO A MID 8: RC 0
*= A: INTERRUPT SEND FROM B MID 8 STAT NONE EFLG 0 LENA 0 USE 'EMPTY'
A: VMCF RECEIVE B MID 8 LEN 0
*= A: RECEIVE FROM B MID 8: RC 0
*= A: DATA MOVED TO 020000, 0 BYTES
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 8 STAT RESP EFLG 0 LENA 0
