* cancel.cp: CANCEL by the source. See docs/vmcf.md#cancel, #cancel-protocol, #return-codes
* (CANCEL's row of the manual's chart is unreadable; its codes, 0, 2, 3, 4, 11, 12, 14, 15,
* come from the codes' descriptions). The source names the sink and the MID. Before the sink
* has taken the message: RC 0, and its SEND interrupt is withdrawn if still queued (no
* RESPONSE to anyone). A SEND/RECV already RECEIVEd: only the REPLY part is cancelled, RC
* 11, and the sink's REPLY then gets RC 12. Too late (RC 14): the sink has taken it and its
* RESPONSE waits for the source. RC 3: the caller did not originate it.
LOGON A
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE BUF 48
* 1. Queued at a disabled sink: withdrawn, so ENABLE presents nothing.
B: DISABLE
A: VMCF SEND B MID 1 DATA 'ONE'
A: VMCF CANCEL B MID 1
B: ENABLE
* 2. Presented but not yet RECEIVEd: cancelled; the sink's RECEIVE finds nothing.
A: VMCF SEND B MID 2 DATA 'TWO'
A: VMCF CANCEL B MID 2
B: VMCF RECEIVE A MID 2
* 3. A SEND/RECV already RECEIVEd: RC 11; the REPLY comes too late (RC 12).
A: VMCF SENDRECV B MID 3 DATA 'Q' REPLYBUF 8
B: VMCF RECEIVE A MID 3
A: VMCF CANCEL B MID 3
B: VMCF REPLY A MID 3 DATA 'A'
* 4. Too late: A is disabled, so each finished message waits for its RESPONSE.
A: DISABLE
A: VMCF SEND B MID 4 DATA 'FOUR'
B: VMCF RECEIVE A MID 4
A: VMCF CANCEL B MID 4
A: VMCF SENDX B MID 5 DATA 'FIVE'
A: VMCF CANCEL B MID 5
A: VMCF SENDRECV B MID 6 REPLYBUF 8
B: VMCF REJECT A MID 6
A: VMCF CANCEL B MID 6
A: ENABLE
* Once its RESPONSE has been presented a message is gone: RC 12.
A: VMCF CANCEL B MID 4
* 5. RC 3: B tries to cancel A's message to it; RC 12: a MID never sent.
A: VMCF SEND B MID 7 DATA 'SEVEN'
B: VMCF CANCEL A MID 7
A: VMCF CANCEL B MID 99
B: VMCF RECEIVE A MID 7
