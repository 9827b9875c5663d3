* quiesce.cp: QUIESCE and RESUME. See docs/vmcf.md#quiesce, #resume,
* #quiesce-and-resume; docs/decisions.md#d7.
* A quiesced VM refuses new SEND, SEND/RECV, SENDX and IDENTIFY requests (RC 9 to the
* sender) but can still receive and reply to what was already queued, and can still
* send. RESUME ends it; a VM often follows it with an IDENTIFY. Repeating either is RC 0
* with the state unchanged (docs/decisions.md#d7).
LOGON A
VMCF AUTHORIZE BUF 48
LOGON B
VMCF AUTHORIZE
VMCF SEND A MID 1 DATA 'BEFORE'
* One more waits in A's queue while A is disabled.
A: DISABLE
VMCF SEND A MID 2 DATA 'QUEUED'
A: VMCF QUIESCE
A: VMCF QUIESCE
VMCF SEND A MID 3 DATA 'REFUSED'
VMCF SENDRECV A MID 3 DATA 'REFUSED' REPLYBUF 8
VMCF SENDX A MID 3 DATA 'REFUSED'
VMCF IDENTIFY A
* What was sent before QUIESCE is still delivered and can be received.
A: ENABLE
A: VMCF RECEIVE B MID 1
A: VMCF RECEIVE B MID 2
* A quiesced VM may still send.
A: VMCF SEND B MID 1 DATA 'STILL TALKING'
VMCF RECEIVE A MID 1
A: VMCF RESUME
A: VMCF RESUME
A: VMCF IDENTIFY B USE 'RESUMED'
VMCF SEND A MID 3 DATA 'ACCEPTED'
