* disable_enable.cp: interrupt delivery while disabled. See
* docs/vmcf.md#external-interrupt-x4001, #interrupt-delivery; docs/decisions.md#d13, #d14.
* CP presents X'4001' only to an enabled VM, one at a time, each header stored over the last
* in the same buffer. vmcfsim's guest takes each at once while enabled; DISABLE holds them
* queued in CP and ENABLE presents them in order (priority ones first: see priority.cp). A
* SENDX waiting behind DISABLE moves its data, and completes for its source, only when it is
* presented (docs/decisions.md#d14). An SMSG waits the same way.
LOGON A
VMCF AUTHORIZE SMSG BUF 64
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
LOGON C
VMCF AUTHORIZE
*= C: AUTHORIZE: RC 0
A: DISABLE
B: VMCF SEND A MID 1 DATA 'FIRST'
*= B: SEND TO A MID 1: RC 0
*= A: NO INTERRUPT
C: VMCF IDENTIFY A USE 'HELLO'
*= C: IDENTIFY TO A: RC 0
*= A: NO INTERRUPT
B: VMCF SENDX A MID 2 DATA 'THIRD'
*= B: SENDX TO A MID 2: RC 0
*= A: NO INTERRUPT
B: SMSG A FOURTH
*= A: NO INTERRUPT
C: VMCF SENDRECV A MID 1 DATA 'FIFTH' REPLYBUF 8
*= C: SENDRECV TO A MID 1: RC 0
*= A: NO INTERRUPT
* Nothing has reached A's buffer yet: it is still all zeros.
A: DISPLAY T1000.40
*= A: STORAGE 1000 X'00000000000000000000000000000000000000000000000000000000000000000000000000000000'
A: ENABLE
*= A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 5
*= A: INTERRUPT IDENTIFY FROM C STAT RESP EFLG 0 LENA 0 USE 'HELLO'
*= A: INTERRUPT SENDX FROM B MID 2 STAT NONE EFLG 0 LENA 5 TEXT 'THIRD'
*= A: INTERRUPT SMSG FROM B STAT NONE EFLG 0 LENA 6 TEXT 'FOURTH'
*= A: INTERRUPT SENDRECV FROM C MID 1 STAT NONE EFLG 0 LENA 5 LENB 8
*= B: INTERRUPT RESPONSE FROM A TO SENDX MID 2 STAT RESP EFLG 0 LENA 0
* The buffer holds the last header presented.
A: DISPLAY T1000.28
* DISABLE also holds RESPONSEs: B's comes when B enables.
B: DISABLE
A: VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 0
*= A: DATA MOVED TO 020000 'FIRST'
B: ENABLE
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 1 STAT RESP EFLG 0 LENA 0
A: VMCF REPLY C MID 1
*= A: REPLY TO C MID 1: RC 0
*= C: DATA MOVED TO 020008, 0 BYTES
*= C: INTERRUPT RESPONSE FROM A TO SENDRECV MID 1 STAT RESP EFLG 0 LENA 5 LENB 8
