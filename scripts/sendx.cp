* sendx.cp: the SENDX protocol. See docs/vmcf.md#sendx-protocol, #sendx;
* docs/decisions.md#d14.
* SENDX data travels in the interrupt: CP stores it after the 40-byte header in the
* sink's buffer as it presents the interrupt, and the source's RESPONSE follows at once;
* the sink issues no call. The data must fit the sink's buffer less 40 bytes (else RC 7).
* The RESPONSE carries the source's own doubleword (docs/decisions.md#d1) and no unmoved
* bytes (docs/decisions.md#d2).
LOGON A
VMCF AUTHORIZE BUF 64
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
* 24 bytes fit A's 64-byte buffer exactly (64 - 40).
VMCF SENDX A MID 1 DATA 'TWENTY-FOUR BYTES OF TXT' USE 'B-SENDX'
*= B: SENDX TO A MID 1: RC 0
*= A: INTERRUPT SENDX FROM B MID 1 STAT NONE EFLG 0 LENA 24 USE 'B-SENDX' TEXT 'TWENTY-FOUR BYTES OF TXT'
*= B: INTERRUPT RESPONSE FROM A TO SENDX MID 1 STAT RESP EFLG 0 LENA 0 USE 'B-SENDX'
A: DISPLAY T1000.40
* The sink's buffer keeps only the latest interrupt; there is nothing to RECEIVE (RC 12).
A: VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 12
* 25 bytes do not fit: RC 7, and nothing reaches A.
VMCF SENDX A MID 2 DATA 'TWENTY-FIVE BYTES OF TEXT'
*= B: SENDX TO A MID 2: RC 7
* A zero-length SENDX: the header alone.
VMCF SENDX A MID 3
*= B: SENDX TO A MID 3: RC 0
*= A: INTERRUPT SENDX FROM B MID 3 STAT NONE EFLG 0 LENA 0
*= B: INTERRUPT RESPONSE FROM A TO SENDX MID 3 STAT RESP EFLG 0 LENA 0
