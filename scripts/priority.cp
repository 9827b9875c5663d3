* priority.cp: priority messages. See docs/vmcf.md#priority, #vmcmstat;
* docs/decisions.md#d13.
* Only a sink that AUTHORIZEd PRIORITY may be sent PRIORITY messages (else RC 18). Their
* SEND interrupts go ahead of waiting nonpriority ones at the sink, and their RESPONSEs
* ahead at the source; FIFO within each class. VMCMPRTY X'20' is set in both headers.
* DISABLE holds interrupts queued so the order shows when ENABLE presents them.
LOGON A
VMCF AUTHORIZE PRIORITY BUF 64
LOGON B
VMCF AUTHORIZE
* B did not AUTHORIZE PRIORITY: every priority kind is refused with RC 18.
A: VMCF SEND B PRIORITY DATA 'P'
A: VMCF SENDRECV B PRIORITY DATA 'P' REPLYBUF 8
A: VMCF SENDX B PRIORITY DATA 'P'
A: VMCF IDENTIFY B PRIORITY
* A holds its interrupts; B sends two plain messages, then two priority ones, then one
* more plain one. ENABLE presents MID 3 and 4 first, then 1, 2 and 5.
A: DISABLE
VMCF SEND A MID 1 DATA 'PLAIN 1'
VMCF SEND A MID 2 DATA 'PLAIN 2'
VMCF SEND A MID 3 PRIORITY DATA 'URGENT 3'
VMCF SENDX A MID 4 PRIORITY DATA 'URGENT 4'
VMCF SEND A MID 5 DATA 'PLAIN 5'
A: ENABLE
* Now B holds its interrupts while A receives in MID order; B's RESPONSE to the
* priority MID 3 comes first, then 1, 2 and 5 (the SENDX response was presented already).
B: DISABLE
A: VMCF RECEIVE B MID 1
A: VMCF RECEIVE B MID 2
A: VMCF RECEIVE B MID 3
A: VMCF RECEIVE B MID 5
B: ENABLE
