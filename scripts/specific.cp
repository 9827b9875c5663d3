* specific.cp: AUTHORIZE SPECIFIC. See docs/vmcf.md#vmcpflg1,
* #authorize, #specific, #data-transfer-errors, #edge-cases.
* A VM that AUTHORIZEs SPECIFIC userid talks with that VM only: a message from anyone else
* gets RC 5 (user not available). CP does not check the named VM at AUTHORIZE time.
* SPECIFIC restricts who may send to the VM; its own messages go anywhere, but a sink can
* RECEIVE or REPLY only from a source that would take a SEND from it (RC 5,
* docs/decisions.md#d6). A re-AUTHORIZE SPECIFIC for another VM ends messages in transit
* from the others with data-transfer code 5 (SPG SP3 p. 134).
LOGON A
VMCF AUTHORIZE SPECIFIC B
*= A: AUTHORIZE: RC 0
LOGON C
VMCF AUTHORIZE
*= C: AUTHORIZE: RC 0
* B is not even logged on yet: A's AUTHORIZE was accepted all the same.
VMCF SEND A DATA 'FROM C'
*= C: SEND TO A MID 1: RC 5
VMCF SENDRECV A DATA 'FROM C' REPLYBUF 8
*= C: SENDRECV TO A MID 2: RC 5
VMCF SENDX A DATA 'FROM C'
*= C: SENDX TO A MID 3: RC 5
VMCF IDENTIFY A
*= C: IDENTIFY TO A: RC 5
* Not logged on, and logged on but not authorized, are RC 5 as well.
VMCF SEND B DATA 'TO B'
*= C: SEND TO B MID 4: RC 5
LOGON B
C: VMCF SEND B DATA 'TO B'
*= C: SEND TO B MID 5: RC 5
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
VMCF SEND A MID 1 DATA 'FROM B'
*= B: SEND TO A MID 1: RC 0
*= A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 6
A: VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 0
*= A: DATA MOVED TO 020000 'FROM B'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 1 STAT RESP EFLG 0 LENA 0
* SPECIFIC limits what reaches A, not where A sends; but C cannot RECEIVE it (RC 5: A takes
* nothing from C, docs/decisions.md#d6). The message stays until C, SPECIFIC B later, drops it (EFLG 5).
A: VMCF SEND C MID 1 DATA 'A TO C'
*= A: SEND TO C MID 1: RC 0
*= C: INTERRUPT SEND FROM A MID 1 STAT NONE EFLG 0 LENA 6
C: VMCF RECEIVE A MID 1
*= C: RECEIVE FROM A MID 1: RC 5
*= C: NO INTERRUPT
*= A: NO INTERRUPT
* B has a message in transit to A when A re-AUTHORIZEs SPECIFIC C: B's RESPONSE has
* VMCMEFLG 5 and carries B's own doubleword (docs/decisions.md#d5, #d1).
VMCF SEND A MID 2 DATA 'PENDING' USE 'MINE'
*= B: SEND TO A MID 2: RC 0
*= A: INTERRUPT SEND FROM B MID 2 STAT NONE EFLG 0 LENA 7 USE 'MINE'
A: VMCF AUTHORIZE SPECIFIC C
*= A: AUTHORIZE: RC 0
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 2 STAT RESP EFLG 5 LENA 7 USE 'MINE'
* The other way: C sends to A, then C re-AUTHORIZEs SPECIFIC B. A can no longer reach C,
* so its RECEIVE and REPLY get RC 5 and the message stays; once C drops SPECIFIC, A may
* answer it.
C: VMCF SENDRECV A MID 3 DATA 'QUESTION' REPLYBUF 8
*= C: SENDRECV TO A MID 3: RC 0
*= A: INTERRUPT SENDRECV FROM C MID 3 STAT NONE EFLG 0 LENA 8 LENB 8
C: VMCF AUTHORIZE SPECIFIC B
*= C: AUTHORIZE: RC 0
*= A: INTERRUPT RESPONSE FROM C TO SEND MID 1 STAT RESP EFLG 5 LENA 6
A: VMCF RECEIVE C MID 3
*= A: RECEIVE FROM C MID 3: RC 5
A: VMCF REPLY C MID 3 DATA 'ANSWER'
*= A: REPLY TO C MID 3: RC 5
C: VMCF AUTHORIZE
*= C: AUTHORIZE: RC 0
A: VMCF RECEIVE C MID 3
*= A: RECEIVE FROM C MID 3: RC 0
*= A: DATA MOVED TO 020020 'QUESTION'
A: VMCF REPLY C MID 3 DATA 'ANSWER'
*= A: REPLY TO C MID 3: RC 0
*= C: DATA MOVED TO 020040 'ANSWER'
*= C: INTERRUPT RESPONSE FROM A TO SENDRECV MID 3 STAT RESP EFLG 0 LENA 0 LENB 2
