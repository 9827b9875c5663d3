* logoff_in_transit.cp: LOGOFF and UNAUTHORIZE with messages in transit both ways
* (docs/vmcf.md#unauthorize, #edge-cases; docs/decisions.md#d5). When the sink leaves, every source with a message in
* transit to it gets a RESPONSE with VMCMEFLG 5 (its own doubleword, docs/decisions.md#d1), and the
* RESPONSEs still waiting for the sink itself are discarded. When the source leaves, its
* messages are purged: SEND interrupts not yet presented are withdrawn; the sink's later
* RECEIVE or REPLY gets RC 5 (the source is checked first, DECISION docs/decisions.md#d6 (revised)) and its
* REJECT RC 12 (REJECT has no 5). LOGOFF does what UNAUTHORIZE does.
LOGON A
VMCF AUTHORIZE BUF 48
LOGON B
VMCF AUTHORIZE
* 1. Sink A UNAUTHORIZEs: B's SEND (presented), SEND/RECV (RECEIVEd) and SENDX (queued,
*    A disabled) all end with EFLG 5. A's own finished SEND to B, whose RESPONSE waits
*    for A, is discarded.
VMCF SEND A MID 1 DATA 'ONE' USE 'B-1'
VMCF SENDRECV A MID 2 DATA 'TWO' REPLYBUF 8 USE 'B-2'
A: VMCF RECEIVE B MID 2
A: DISABLE
VMCF SENDX A MID 3 DATA 'THREE' USE 'B-3'
A: VMCF SEND B MID 9 DATA 'FROM A'
VMCF RECEIVE A MID 9
A: VMCF UNAUTHORIZE
A: ENABLE
* 2. Sink B logs off: A's messages to it end with EFLG 5.
A: VMCF AUTHORIZE
A: VMCF SEND B MID 1 DATA 'ONE'
A: VMCF SENDRECV B MID 2 DATA 'TWO' REPLYBUF 8
B: LOGOFF
* 3. Source A leaves: B, disabled, has one message from A queued and one presented.
LOGON B
VMCF AUTHORIZE
A: VMCF SEND B MID 3 DATA 'PRESENTED'
DISABLE
A: VMCF SEND B MID 4 DATA 'QUEUED'
A: VMCF UNAUTHORIZE
ENABLE
VMCF RECEIVE A MID 3
VMCF REJECT A MID 3
* 4. The same with LOGOFF: A's SEND/RECV that B has RECEIVEd is purged too.
A: VMCF AUTHORIZE
A: VMCF SENDRECV B MID 5 DATA 'QUESTION' REPLYBUF 8
VMCF RECEIVE A MID 5
A: LOGOFF
VMCF REPLY A MID 5 DATA 'ANSWER'
