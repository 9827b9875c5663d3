* mid_reuse.cp: message ids. See docs/vmcf.md#terms, #fields-by-subfunction,
* #what-programs-rely-on; docs/decisions.md#d10. The pair (MID, userid) names a message. A
* source may not have two messages with one MID in transit to the same sink (RC 8, whatever
* the subfunction), but may use it towards another sink, and two sources may use one MID
* towards the same sink at once. A message is in transit until its RESPONSE is presented
* (docs/decisions.md#d10); after that the MID is free again.
LOGON A
VMCF AUTHORIZE BUF 48
*= A: AUTHORIZE: RC 0
LOGON C
VMCF AUTHORIZE
*= C: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
VMCF SEND A MID 4 DATA 'FIRST'
*= B: SEND TO A MID 4: RC 0
*= A: INTERRUPT SEND FROM B MID 4 STAT NONE EFLG 0 LENA 5
VMCF SEND A MID 4 DATA 'AGAIN'
*= B: SEND TO A MID 4: RC 8
VMCF SENDRECV A MID 4 DATA 'AGAIN' REPLYBUF 8
*= B: SENDRECV TO A MID 4: RC 8
VMCF SENDX A MID 4 DATA 'AGAIN'
*= B: SENDX TO A MID 4: RC 8
* The same MID towards another sink, and from another source towards A.
VMCF SEND C MID 4 DATA 'TO C'
*= B: SEND TO C MID 4: RC 0
*= C: INTERRUPT SEND FROM B MID 4 STAT NONE EFLG 0 LENA 4
C: VMCF SEND A MID 4 DATA 'FROM C'
*= C: SEND TO A MID 4: RC 0
*= A: INTERRUPT SEND FROM C MID 4 STAT NONE EFLG 0 LENA 6
* A tells the two MID 4s apart by the source's userid.
A: VMCF RECEIVE C MID 4
*= A: RECEIVE FROM C MID 4: RC 0
*= A: DATA MOVED TO 020000 'FROM C'
*= C: INTERRUPT RESPONSE FROM A TO SEND MID 4 STAT RESP EFLG 0 LENA 0
A: VMCF RECEIVE B MID 4
*= A: RECEIVE FROM B MID 4: RC 0
*= A: DATA MOVED TO 020008 'FIRST'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 4 STAT RESP EFLG 0 LENA 0
C: VMCF RECEIVE B MID 4
*= C: RECEIVE FROM B MID 4: RC 0
*= C: DATA MOVED TO 020008 'TO C'
*= B: INTERRUPT RESPONSE FROM C TO SEND MID 4 STAT RESP EFLG 0 LENA 0
* B's RESPONSEs have been presented: MID 4 may be used again at once.
VMCF SEND A MID 4 DATA 'REUSED'
*= B: SEND TO A MID 4: RC 0
*= A: INTERRUPT SEND FROM B MID 4 STAT NONE EFLG 0 LENA 6
* While B is disabled its finished message still waits for the RESPONSE and counts as in
* transit: MID 4 is still taken until B takes that RESPONSE.
DISABLE
A: VMCF RECEIVE B MID 4
*= A: RECEIVE FROM B MID 4: RC 0
*= A: DATA MOVED TO 020010 'REUSED'
VMCF SEND A MID 4 DATA 'TOO SOON'
*= B: SEND TO A MID 4: RC 8
ENABLE
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 4 STAT RESP EFLG 0 LENA 0
VMCF SEND A MID 4 DATA 'NOW'
*= B: SEND TO A MID 4: RC 0
*= A: INTERRUPT SEND FROM B MID 4 STAT NONE EFLG 0 LENA 3
A: VMCF RECEIVE B MID 4
*= A: RECEIVE FROM B MID 4: RC 0
*= A: DATA MOVED TO 020018 'NOW'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 4 STAT RESP EFLG 0 LENA 0
