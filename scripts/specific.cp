* specific.cp: AUTHORIZE SPECIFIC. See docs/vmcf.md#vmcpflg1,
* #authorize, #specific, #data-transfer-errors, #edge-cases.
* A VM that AUTHORIZEs SPECIFIC userid talks with that VM only: a message from anyone else
* gets RC 5 (user not available). CP does not check the named VM at AUTHORIZE time.
* SPECIFIC restricts who may send to the VM; its own messages go anywhere, but a sink can
* RECEIVE or REPLY only from a source that would take a SEND from it (DECISION docs/decisions.md#d6 (revised):
* RC 5). A re-AUTHORIZE SPECIFIC for another VM ends messages in transit from the others
* with data-transfer code 5 (SPG SP3 p. 134).
LOGON A
VMCF AUTHORIZE SPECIFIC B
LOGON C
VMCF AUTHORIZE
* B is not even logged on yet: A's AUTHORIZE was accepted all the same.
VMCF SEND A DATA 'FROM C'
VMCF SENDRECV A DATA 'FROM C' REPLYBUF 8
VMCF SENDX A DATA 'FROM C'
VMCF IDENTIFY A
* Not logged on, and logged on but not authorized, are RC 5 as well.
VMCF SEND B DATA 'TO B'
LOGON B
C: VMCF SEND B DATA 'TO B'
VMCF AUTHORIZE
VMCF SEND A MID 1 DATA 'FROM B'
A: VMCF RECEIVE B MID 1
* SPECIFIC limits what reaches A, not where A sends; but C cannot RECEIVE it (RC 5: A takes
* nothing from C, docs/decisions.md#d6 (revised)). The message stays until C, SPECIFIC B later, drops it (EFLG 5).
A: VMCF SEND C MID 1 DATA 'A TO C'
C: VMCF RECEIVE A MID 1
* B has a message in transit to A when A re-AUTHORIZEs SPECIFIC C: B's RESPONSE has
* VMCMEFLG 5 and carries B's own doubleword (docs/decisions.md#d5, #d1).
VMCF SEND A MID 2 DATA 'PENDING' USE 'MINE'
A: VMCF AUTHORIZE SPECIFIC C
* The other way: C sends to A, then C re-AUTHORIZEs SPECIFIC B. A can no longer reach C,
* so its RECEIVE and REPLY get RC 5 and the message stays; once C drops SPECIFIC, A may
* answer it.
C: VMCF SENDRECV A MID 3 DATA 'QUESTION' REPLYBUF 8
C: VMCF AUTHORIZE SPECIFIC B
A: VMCF RECEIVE C MID 3
A: VMCF REPLY C MID 3 DATA 'ANSWER'
C: VMCF AUTHORIZE
A: VMCF RECEIVE C MID 3
A: VMCF REPLY C MID 3 DATA 'ANSWER'
