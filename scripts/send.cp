* send.cp: the SEND protocol end to end. See docs/vmcf.md#send-protocol, #send,
* #receive.
* A SEND puts the data's address and length in a SEND interrupt for the sink; CP moves
* nothing until the sink RECEIVEs, then presents the final RESPONSE to the source
* (VMCMRESP X'80', VMCMLENA = bytes not moved). The source's doubleword reaches the
* sink; the sink's RECEIVE doubleword comes back in the RESPONSE (docs/decisions.md#d1).
LOGON A
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
* B sends 12 bytes with MID 7 and a doubleword; A is presented the SEND interrupt.
VMCF SEND A MID 7 DATA 'HELLO FROM B' USE 'B-REQ'
* A receives into a buffer larger than the data: only the 12 bytes move.
A: VMCF RECEIVE B MID 7 INTO L30000 LEN 100 USE X'00000000000000C8'
A: DISPLAY T30000.10
* A zero-length SEND is legal: only the header and doubleword travel
* (docs/vmcf.md#fields-by-subfunction).
VMCF SEND A MID 8 USE 'EMPTY'
A: VMCF RECEIVE B MID 8 LEN 0
