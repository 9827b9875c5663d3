* mid_reuse.cp: message ids. See docs/vmcf.md#terms, #fields-by-subfunction,
* #what-programs-rely-on; docs/decisions.md#d10. The pair (MID, userid) names a message. A
* source may not have two messages with one MID in transit to the same sink (RC 8, whatever
* the subfunction), but may use it towards another sink, and two sources may use one MID
* towards the same sink at once. A message is in transit until its RESPONSE is presented
* (docs/decisions.md#d10); after that the MID is free again.
LOGON A
VMCF AUTHORIZE BUF 48
LOGON C
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
VMCF SEND A MID 4 DATA 'FIRST'
VMCF SEND A MID 4 DATA 'AGAIN'
VMCF SENDRECV A MID 4 DATA 'AGAIN' REPLYBUF 8
VMCF SENDX A MID 4 DATA 'AGAIN'
* The same MID towards another sink, and from another source towards A.
VMCF SEND C MID 4 DATA 'TO C'
C: VMCF SEND A MID 4 DATA 'FROM C'
* A tells the two MID 4s apart by the source's userid.
A: VMCF RECEIVE C MID 4
A: VMCF RECEIVE B MID 4
C: VMCF RECEIVE B MID 4
* B's RESPONSEs have been presented: MID 4 may be used again at once.
VMCF SEND A MID 4 DATA 'REUSED'
* While B is disabled its finished message still waits for the RESPONSE and counts as in
* transit: MID 4 is still taken until B takes that RESPONSE.
DISABLE
A: VMCF RECEIVE B MID 4
VMCF SEND A MID 4 DATA 'TOO SOON'
ENABLE
VMCF SEND A MID 4 DATA 'NOW'
A: VMCF RECEIVE B MID 4
