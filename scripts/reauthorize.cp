* reauthorize.cp: a second AUTHORIZE replaces the first. See docs/vmcf.md#authorize,
* #data-transfer-errors, #what-programs-rely-on.
* The new buffer address and length take effect for the next interrupt. A SENDX accepted
* for the old buffer but not yet presented, that no longer fits, ends with data-transfer
* code 7 for its source and never reaches the sink (SPG SP3 p. 134). The PRIORITY option, too,
* is whatever the last AUTHORIZE said.
LOGON A
VMCF AUTHORIZE BUF 64
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
VMCF SENDX A MID 1 DATA 'FITS IN 64'
*= B: SENDX TO A MID 1: RC 0
*= A: INTERRUPT SENDX FROM B MID 1 STAT NONE EFLG 0 LENA 10 TEXT 'FITS IN 64'
*= B: INTERRUPT RESPONSE FROM A TO SENDX MID 1 STAT RESP EFLG 0 LENA 0
* A moves its buffer to X'2000' and makes it 80 bytes: the next interrupt lands there.
A: VMCF AUTHORIZE AT L2000 BUF 80
*= A: AUTHORIZE: RC 0
VMCF SENDX A MID 2 DATA 'THIS TEXT IS 40 BYTES LONG; IT FITS 80.!'
*= B: SENDX TO A MID 2: RC 0
*= A: INTERRUPT SENDX FROM B MID 2 STAT NONE EFLG 0 LENA 40 TEXT 'THIS TEXT IS 40 BYTES LONG; IT FITS 80.!'
*= B: INTERRUPT RESPONSE FROM A TO SENDX MID 2 STAT RESP EFLG 0 LENA 0
* A disables; B's 24-byte SENDX fits the 80-byte buffer when sent, but A shrinks it to
* 48 before the interrupt is presented: EFLG 7 for B, and nothing for A.
A: DISABLE
VMCF SENDX A MID 3 DATA 'TWENTY-FOUR BYTES OF TXT' USE 'MINE'
*= B: SENDX TO A MID 3: RC 0
A: VMCF AUTHORIZE AT L2000 BUF 48
*= A: AUTHORIZE: RC 0
A: ENABLE
*= B: INTERRUPT RESPONSE FROM A TO SENDX MID 3 STAT RESP EFLG 7 LENA 24 USE 'MINE'
A: DISPLAY T2000.30
* PRIORITY follows the last AUTHORIZE.
A: VMCF AUTHORIZE PRIORITY
*= A: AUTHORIZE: RC 0
VMCF SEND A MID 4 PRIORITY
*= B: SEND TO A MID 4: RC 0
*= A: INTERRUPT SEND FROM B MID 4 STAT PRTY EFLG 0 LENA 0
A: VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
VMCF SEND A MID 5 PRIORITY
*= B: SEND TO A MID 5: RC 18
