* identify.cp: the IDENTIFY protocol. See docs/vmcf.md#identify-protocol, #identify;
* docs/decisions.md#d15.
* IDENTIFY stacks one interrupt for the sink naming the caller, with VMCMRESP X'80' set
* and VMCMFUNC X'000A': it is final, so no RESPONSE comes back. Every field but FLG1,
* FLG2, FUNC and USER is free control information and reaches the sink as given.
* A quiesced sink refuses it (RC 9); PRIORITY needs a sink that accepts priority (RC 18).
LOGON CTL
VMCF AUTHORIZE PRIORITY
*= CTL: AUTHORIZE: RC 0
LOGON WORKER
VMCF AUTHORIZE
*= WORKER: AUTHORIZE: RC 0
* The worker tells its controller it is ready; MID and data address/length are free data.
VMCF IDENTIFY CTL MID X'00C0FFEE' ADDR L400 LEN 16 USE 'READY'
*= WORKER: IDENTIFY TO CTL: RC 0
*= CTL: INTERRUPT IDENTIFY FROM WORKER MID X'00C0FFEE' STAT RESP EFLG 0 VADA 400 LENA 16 USE 'READY'
*= WORKER: NO INTERRUPT
* A priority IDENTIFY: VMCMPRTY X'20' as well.
VMCF IDENTIFY CTL PRIORITY USE 'URGENT'
*= WORKER: IDENTIFY TO CTL: RC 0
*= CTL: INTERRUPT IDENTIFY FROM WORKER STAT RESP+PRTY EFLG 0 LENA 0 USE 'URGENT'
* The controller may not answer an IDENTIFY, and once presented the worker cannot cancel it:
* there is no message to find (a queued one can be cancelled: identify_cancel.cp, docs/decisions.md#d15).
CTL: VMCF RECEIVE WORKER MID X'00C0FFEE'
*= CTL: RECEIVE FROM WORKER MID 12648430: RC 12
VMCF CANCEL CTL MID X'00C0FFEE'
*= WORKER: CANCEL TO CTL MID 12648430: RC 12
* To a sink in QUIESCE status, and a priority one to a sink that does not accept them.
CTL: VMCF QUIESCE
*= CTL: QUIESCE: RC 0
VMCF IDENTIFY CTL
*= WORKER: IDENTIFY TO CTL: RC 9
CTL: VMCF RESUME
*= CTL: RESUME: RC 0
CTL: VMCF IDENTIFY WORKER PRIORITY
*= CTL: IDENTIFY TO WORKER: RC 18
* The usual use: after RESUME, tell the partner (docs/vmcf.md#resume).
CTL: VMCF IDENTIFY WORKER USE 'RESUMED'
*= CTL: IDENTIFY TO WORKER: RC 0
*= WORKER: INTERRUPT IDENTIFY FROM CTL STAT RESP EFLG 0 LENA 0 USE 'RESUMED'
