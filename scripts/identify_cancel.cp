* identify_cancel.cp: CANCEL of an IDENTIFY (DECISION docs/decisions.md#d15). The manual rules out cancelling
* an IDENTIFY only once the sink has the interrupt, so one still queued at the sink can be
* withdrawn: CANCEL names the sink and the MID given in the IDENTIFY's VMCPMID, returns 0,
* and the interrupt never arrives; when several match, the oldest goes. Once presented CP
* keeps no record of an IDENTIFY (docs/decisions.md#d10): CANCEL gets RC 12.
LOGON CTL
VMCF AUTHORIZE
*= CTL: AUTHORIZE: RC 0
LOGON WORKER
VMCF AUTHORIZE
*= WORKER: AUTHORIZE: RC 0
* The controller is busy (disabled): the worker's IDENTIFYs wait in CP.
CTL: DISABLE
VMCF IDENTIFY CTL MID 7 USE 'READY'
*= WORKER: IDENTIFY TO CTL MID 7: RC 0
VMCF IDENTIFY CTL MID 7 USE 'AGAIN'
*= WORKER: IDENTIFY TO CTL MID 7: RC 0
VMCF IDENTIFY CTL MID 8 USE 'OTHER'
*= WORKER: IDENTIFY TO CTL MID 8: RC 0
* The worker thinks better of it: the oldest MID 7 goes, then the wrong MID and the wrong
* sink find nothing.
VMCF CANCEL CTL MID 7
*= WORKER: CANCEL TO CTL MID 7: RC 0
VMCF CANCEL CTL MID 9
*= WORKER: CANCEL TO CTL MID 9: RC 12
VMCF CANCEL WORKER MID 7
*= WORKER: CANCEL TO WORKER MID 7: RC 12
* The controller takes what is left: AGAIN and OTHER, never READY.
CTL: ENABLE
*= CTL: INTERRUPT RESPONSE FROM WORKER TO IDENTIFY MID 7 STAT RESP EFLG 0 LENA 0
*= CTL: INTERRUPT RESPONSE FROM WORKER TO IDENTIFY MID 8 STAT RESP EFLG 0 LENA 0
* Presented: too late, and nothing is left to find.
VMCF CANCEL CTL MID 7
*= WORKER: CANCEL TO CTL MID 7: RC 12
