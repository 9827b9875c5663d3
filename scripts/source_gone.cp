* source_gone.cp: the sink answers a message whose source has gone (docs/decisions.md#d6,
* with docs/decisions.md#d5). RECEIVE and REPLY move data to or from the source, so CP checks the source named
* in VMCPUSER first, as it checks a SEND's target: not logged on, not authorized, or
* AUTHORIZEd SPECIFIC for another VM gives RC 5 before the message is even looked up.
* REJECT moves nothing and has no RC 5: the purged message is not found, RC 12. Once the
* source is back and authorized, the old messages are gone: RC 12 for all three.
LOGON A
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
* 1. A sends B a SEND and a SEND/RECV (both presented), then logs off.
A: VMCF SEND B MID 1 DATA 'HELLO'
*= A: SEND TO B MID 1: RC 0
*= B: INTERRUPT SEND FROM A MID 1 STAT NONE EFLG 0 LENA 5
A: VMCF SENDRECV B MID 2 DATA 'QUESTION' REPLYBUF 8
*= A: SENDRECV TO B MID 2: RC 0
*= B: INTERRUPT SENDRECV FROM A MID 2 STAT NONE EFLG 0 LENA 8
A: LOGOFF
VMCF RECEIVE A MID 1
*= B: RECEIVE FROM A MID 1: RC 5
VMCF REPLY A MID 2 DATA 'ANSWER'
*= B: REPLY TO A MID 2: RC 5
VMCF REJECT A MID 1
*= B: REJECT TO A MID 1: RC 12
VMCF REJECT A MID 2
*= B: REJECT TO A MID 2: RC 12
* 2. A is back and authorized: its old messages were purged, RC 12.
LOGON A
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
B: VMCF RECEIVE A MID 1
*= B: RECEIVE FROM A MID 1: RC 12
B: VMCF REPLY A MID 2 DATA 'ANSWER'
*= B: REPLY TO A MID 2: RC 12
* 3. UNAUTHORIZE does the same; SPECIFIC for another VM refuses the sink with RC 5 while
*    the message stays, and SPECIFIC for the sink lets it answer.
VMCF SEND B MID 3 DATA 'AGAIN'
*= A: SEND TO B MID 3: RC 0
*= B: INTERRUPT SEND FROM A MID 3 STAT NONE EFLG 0 LENA 5
VMCF UNAUTHORIZE
*= A: UNAUTHORIZE: RC 0
B: VMCF RECEIVE A MID 3
*= B: RECEIVE FROM A MID 3: RC 5
B: VMCF REJECT A MID 3
*= B: REJECT TO A MID 3: RC 12
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
VMCF SEND B MID 4 DATA 'KEPT'
*= A: SEND TO B MID 4: RC 0
*= B: INTERRUPT SEND FROM A MID 4 STAT NONE EFLG 0 LENA 4
VMCF AUTHORIZE SPECIFIC C
*= A: AUTHORIZE: RC 0
B: VMCF RECEIVE A MID 4
*= B: RECEIVE FROM A MID 4: RC 5
VMCF AUTHORIZE SPECIFIC B
*= A: AUTHORIZE: RC 0
B: VMCF RECEIVE A MID 4
*= B: RECEIVE FROM A MID 4: RC 0
*= A: INTERRUPT RESPONSE FROM B TO SEND MID 4 STAT RESP EFLG 0 LENA 0
