* reauthorize.cp: a second AUTHORIZE replaces the first. See docs/vmcf.md#authorize,
* #data-transfer-errors, #what-programs-rely-on.
* The new buffer address and length take effect for the next interrupt. A SENDX accepted
* for the old buffer but not yet presented, that no longer fits, ends with data-transfer
* code 7 for its source and never reaches the sink (SPG SP3 p. 134). The PRIORITY option, too,
* is whatever the last AUTHORIZE said.
LOGON A
VMCF AUTHORIZE BUF 64
LOGON B
VMCF AUTHORIZE
VMCF SENDX A MID 1 DATA 'FITS IN 64'
* A moves its buffer to X'2000' and makes it 80 bytes: the next interrupt lands there.
A: VMCF AUTHORIZE AT L2000 BUF 80
VMCF SENDX A MID 2 DATA 'THIS TEXT IS 40 BYTES LONG; IT FITS 80.!'
* A disables; B's 24-byte SENDX fits the 80-byte buffer when sent, but A shrinks it to
* 48 before the interrupt is presented: EFLG 7 for B, and nothing for A.
A: DISABLE
VMCF SENDX A MID 3 DATA 'TWENTY-FOUR BYTES OF TXT' USE 'MINE'
A: VMCF AUTHORIZE AT L2000 BUF 48
A: ENABLE
A: DISPLAY T2000.30
* PRIORITY follows the last AUTHORIZE.
A: VMCF AUTHORIZE PRIORITY
VMCF SEND A MID 4 PRIORITY
A: VMCF AUTHORIZE
VMCF SEND A MID 5 PRIORITY
