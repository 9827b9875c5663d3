* not_authorized.cp: RC 4 and RC 2. See docs/vmcf.md#return-codes, #terms;
* docs/decisions.md#d6. Only AUTHORIZE may be issued before AUTHORIZE: every other
* subfunction gets RC 4 (caller not authorized). A function code above X'000B' gets RC 2
* whoever issues it, and the check order (docs/decisions.md#d6) tests the code before the
* authorization. The console has no verb for a bad code, so the parameter list is STOREd by
* hand and run with DIAG 68.
LOGON A
VMCF UNAUTHORIZE
VMCF SEND B DATA 'X'
VMCF SENDRECV B DATA 'X' REPLYBUF 8
VMCF SENDX B DATA 'X'
VMCF RECEIVE B MID 1
VMCF CANCEL B MID 1
VMCF REPLY B MID 1 DATA 'X'
VMCF QUIESCE
VMCF RESUME
VMCF IDENTIFY B
VMCF REJECT B MID 1
* Function code X'000C' (VMCPFUNC is the halfword at offset 2), then X'FFFF'.
STORE L800 0000000C 00000000 00000000 00000000 00000000 00000000 00000000 00000000
DIAG 68 L800
STORE S802 FFFF
DIAG 68 L800
* RC 2 also for an authorized VM; and AUTHORIZE itself never gets RC 4.
VMCF AUTHORIZE
DIAG 68 L800
VMCF UNAUTHORIZE
VMCF UNAUTHORIZE
