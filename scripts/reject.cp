* reject.cp: REJECT before and after RECEIVE. See docs/vmcf.md#reject, #reject-protocol,
* #what-programs-rely-on. The sink may REJECT a SEND before RECEIVE, and a SEND/RECV before
* RECEIVE or after RECEIVE but before REPLY. The RESPONSE has VMCMRESP and VMCMRJCT (X'C0');
* it carries the REJECT's doubleword for SEND and SEND/RECV alike (docs/decisions.md#d1),
* LENA = the SEND bytes not moved and LENB = the whole reply buffer (docs/decisions.md#d2).
* A SEND already RECEIVEd is finished: nothing is left to reject (RC 12; RC 3 while its
* RESPONSE waits, see receive_reply.cp).
LOGON A
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
* 1. A plain SEND, rejected before RECEIVE with a reason code in the doubleword.
VMCF SEND A MID 1 DATA 'UNWANTED'
A: VMCF REJECT B MID 1 USE X'00000004'
* 2. A SEND/RECV, rejected before RECEIVE.
VMCF SENDRECV A MID 2 DATA 'ASK' REPLYBUF 16
A: VMCF REJECT B MID 2 USE 'BUSY'
* 3. A SEND/RECV, rejected after RECEIVE but before REPLY: LENA 0, the data moved.
VMCF SENDRECV A MID 3 DATA 'ASK AGAIN' REPLYBUF 16
A: VMCF RECEIVE B MID 3
A: VMCF REJECT B MID 3 USE 'NO'
* 4. A SEND already RECEIVEd: its RESPONSE has gone to B, nothing to reject.
VMCF SEND A MID 4 DATA 'TAKEN'
A: VMCF RECEIVE B MID 4
A: VMCF REJECT B MID 4
