* not_authorized.cp: RC 4 and RC 2. See docs/vmcf.md#return-codes, #terms;
* docs/decisions.md#d6. Only AUTHORIZE may be issued before AUTHORIZE: every other
* subfunction gets RC 4 (caller not authorized). A function code above X'000B' gets RC 2
* whoever issues it, and the check order (docs/decisions.md#d6) tests the code before the
* authorization. The console has no verb for a bad code, so the parameter list is STOREd by
* hand and run with DIAG 68.
LOGON A
VMCF UNAUTHORIZE
*= A: UNAUTHORIZE: RC 4
VMCF SEND B DATA 'X'
*= A: SEND TO B MID 1: RC 4
VMCF SENDRECV B DATA 'X' REPLYBUF 8
*= A: SENDRECV TO B MID 2: RC 4
VMCF SENDX B DATA 'X'
*= A: SENDX TO B MID 3: RC 4
VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 4
VMCF CANCEL B MID 1
*= A: CANCEL TO B MID 1: RC 4
VMCF REPLY B MID 1 DATA 'X'
*= A: REPLY TO B MID 1: RC 4
VMCF QUIESCE
*= A: QUIESCE: RC 4
VMCF RESUME
*= A: RESUME: RC 4
VMCF IDENTIFY B
*= A: IDENTIFY TO B: RC 4
VMCF REJECT B MID 1
*= A: REJECT TO B MID 1: RC 4
* Function code X'000C' (VMCPFUNC is the halfword at offset 2), then X'FFFF'.
STORE L800 0000000C 00000000 00000000 00000000 00000000 00000000 00000000 00000000
DIAG 68 L800
*= A: RC 2
STORE S802 FFFF
DIAG 68 L800
*= A: RC 2
* RC 2 also for an authorized VM; and AUTHORIZE itself never gets RC 4.
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
DIAG 68 L800
*= A: RC 2
VMCF UNAUTHORIZE
*= A: UNAUTHORIZE: RC 0
VMCF UNAUTHORIZE
*= A: UNAUTHORIZE: RC 4
