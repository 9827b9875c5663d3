* identify_cancel.cp: CANCEL of an IDENTIFY (DECISION docs/decisions.md#d15). The manual rules out cancelling
* an IDENTIFY only once the sink has the interrupt, so one still queued at the sink can be
* withdrawn: CANCEL names the sink and the MID given in the IDENTIFY's VMCPMID, returns 0,
* and the interrupt never arrives; when several match, the oldest goes. Once presented CP
* keeps no record of an IDENTIFY (docs/decisions.md#d10): CANCEL gets RC 12.
LOGON CTL
VMCF AUTHORIZE
LOGON WORKER
VMCF AUTHORIZE
* The controller is busy (disabled): the worker's IDENTIFYs wait in CP.
CTL: DISABLE
VMCF IDENTIFY CTL MID 7 USE 'READY'
VMCF IDENTIFY CTL MID 7 USE 'AGAIN'
VMCF IDENTIFY CTL MID 8 USE 'OTHER'
* The worker thinks better of it: the oldest MID 7 goes, then the wrong MID and the wrong
* sink find nothing.
VMCF CANCEL CTL MID 7
VMCF CANCEL CTL MID 9
VMCF CANCEL WORKER MID 7
* The controller takes what is left: AGAIN and OTHER, never READY.
CTL: ENABLE
* Presented: too late, and nothing is left to find.
VMCF CANCEL CTL MID 7
