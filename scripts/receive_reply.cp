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
LOGON B
VMCF AUTHORIZE
* RC 12: nothing from B with MID 99.
A: VMCF RECEIVE B MID 99 LEN 8
A: VMCF REPLY B MID 99
A: VMCF REJECT B MID 99
* RC 13: A is disabled, so the SEND interrupts wait; answering them is too early.
A: DISABLE
VMCF SEND A MID 1 DATA 'ONE'
VMCF SENDRECV A MID 2 DATA 'TWO' REPLYBUF 8
A: VMCF RECEIVE B MID 1 LEN 3
A: VMCF REPLY B MID 2
A: VMCF REJECT B MID 1
A: ENABLE
* RC 3: a REPLY to a plain SEND, and a second RECEIVE of a SEND/RECV.
A: VMCF REPLY B MID 1 DATA 'NO'
A: VMCF RECEIVE B MID 2
A: VMCF RECEIVE B MID 2
A: VMCF REPLY B MID 2 DATA 'OK'
A: VMCF RECEIVE B MID 1
* The RESPONSE to MID 1 has been presented: the message is gone (RC 12 now).
A: VMCF RECEIVE B MID 1
* B disabled: a finished message waits for its RESPONSE, and any answer is RC 3.
B: DISABLE
VMCF SEND A MID 3 DATA 'THREE'
A: VMCF RECEIVE B MID 3
A: VMCF RECEIVE B MID 3
A: VMCF REJECT B MID 3
A: VMCF REPLY B MID 3
* A SENDX is finished as soon as it is presented (docs/decisions.md#d14): nothing to answer.
VMCF SENDX A MID 4 DATA 'FOUR'
A: VMCF RECEIVE B MID 4 LEN 4
A: VMCF REPLY B MID 4
A: VMCF REJECT B MID 4
B: ENABLE
