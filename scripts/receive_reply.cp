* receive_reply.cp: what the sink's RECEIVE, REPLY and REJECT can be told. See
* docs/vmcf.md#receive, #reply, #reject, #return-codes; docs/decisions.md#d6. RC 12: no
* message with that MID from that source. RC 13: the message exists but its SEND interrupt
* has not been presented yet (here the sink is DISABLEd, so the interrupt waits:
* docs/decisions.md#d13). RC 3: protocol violation, a REPLY to something not a SEND/RECV, a
* second RECEIVE, or any answer to a finished message whose RESPONSE still waits for its
* (disabled) source. Once that RESPONSE is presented the message no longer exists and the
* same calls get RC 12.
LOGON A
VMCF AUTHORIZE BUF 48
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
* RC 12: nothing from B with MID 99.
A: VMCF RECEIVE B MID 99 LEN 8
*= A: RECEIVE FROM B MID 99: RC 12
A: VMCF REPLY B MID 99
*= A: REPLY TO B MID 99: RC 12
A: VMCF REJECT B MID 99
*= A: REJECT TO B MID 99: RC 12
* RC 13: A is disabled, so the SEND interrupts wait; answering them is too early.
A: DISABLE
VMCF SEND A MID 1 DATA 'ONE'
*= B: SEND TO A MID 1: RC 0
VMCF SENDRECV A MID 2 DATA 'TWO' REPLYBUF 8
*= B: SENDRECV TO A MID 2: RC 0
A: VMCF RECEIVE B MID 1 LEN 3
*= A: RECEIVE FROM B MID 1: RC 13
A: VMCF REPLY B MID 2
*= A: REPLY TO B MID 2: RC 13
A: VMCF REJECT B MID 1
*= A: REJECT TO B MID 1: RC 13
A: ENABLE
*= A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 3
*= A: INTERRUPT SENDRECV FROM B MID 2 STAT NONE EFLG 0 LENA 3 LENB 8
* RC 3: a REPLY to a plain SEND, and a second RECEIVE of a SEND/RECV.
A: VMCF REPLY B MID 1 DATA 'NO'
*= A: REPLY TO B MID 1: RC 3
A: VMCF RECEIVE B MID 2
*= A: RECEIVE FROM B MID 2: RC 0
*= A: DATA MOVED TO 020018 'TWO'
A: VMCF RECEIVE B MID 2
*= A: RECEIVE FROM B MID 2: RC 3
A: VMCF REPLY B MID 2 DATA 'OK'
*= A: REPLY TO B MID 2: RC 0
*= B: DATA MOVED TO 020010 'OK'
*= B: INTERRUPT RESPONSE FROM A TO SENDRECV MID 2 STAT RESP EFLG 0 LENA 0 LENB 6
A: VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 0
*= A: DATA MOVED TO 020030 'ONE'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 1 STAT RESP EFLG 0 LENA 0
* The RESPONSE to MID 1 has been presented: the message is gone (RC 12 now).
A: VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 12
* B disabled: a finished message waits for its RESPONSE, and any answer is RC 3.
B: DISABLE
VMCF SEND A MID 3 DATA 'THREE'
*= B: SEND TO A MID 3: RC 0
*= A: INTERRUPT SEND FROM B MID 3 STAT NONE EFLG 0 LENA 5
A: VMCF RECEIVE B MID 3
*= A: RECEIVE FROM B MID 3: RC 0
*= A: DATA MOVED TO 020040 'THREE'
A: VMCF RECEIVE B MID 3
*= A: RECEIVE FROM B MID 3: RC 3
A: VMCF REJECT B MID 3
*= A: REJECT TO B MID 3: RC 3
A: VMCF REPLY B MID 3
*= A: REPLY TO B MID 3: RC 3
* A SENDX is finished as soon as it is presented (docs/decisions.md#d14): nothing to answer.
VMCF SENDX A MID 4 DATA 'FOUR'
*= B: SENDX TO A MID 4: RC 0
*= A: INTERRUPT SENDX FROM B MID 4 STAT NONE EFLG 0 LENA 4 TEXT 'FOUR'
A: VMCF RECEIVE B MID 4 LEN 4
*= A: RECEIVE FROM B MID 4: RC 3
A: VMCF REPLY B MID 4
*= A: REPLY TO B MID 4: RC 3
A: VMCF REJECT B MID 4
*= A: REJECT TO B MID 4: RC 3
B: ENABLE
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 3 STAT RESP EFLG 0 LENA 0
*= B: INTERRUPT RESPONSE FROM A TO SENDX MID 4 STAT RESP EFLG 0 LENA 0
