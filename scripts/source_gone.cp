* source_gone.cp: the sink answers a message whose source has gone (DECISION docs/decisions.md#d6 (revised),
* with docs/decisions.md#d5). RECEIVE and REPLY move data to or from the source, so CP checks the source named
* in VMCPUSER first, as it checks a SEND's target: not logged on, not authorized, or
* AUTHORIZEd SPECIFIC for another VM gives RC 5 before the message is even looked up.
* REJECT moves nothing and has no RC 5: the purged message is not found, RC 12. Once the
* source is back and authorized, the old messages are gone: RC 12 for all three.
LOGON A
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
* 1. A sends B a SEND and a SEND/RECV (both presented), then logs off.
A: VMCF SEND B MID 1 DATA 'HELLO'
A: VMCF SENDRECV B MID 2 DATA 'QUESTION' REPLYBUF 8
A: LOGOFF
VMCF RECEIVE A MID 1
VMCF REPLY A MID 2 DATA 'ANSWER'
VMCF REJECT A MID 1
VMCF REJECT A MID 2
* 2. A is back and authorized: its old messages were purged, RC 12.
LOGON A
VMCF AUTHORIZE
B: VMCF RECEIVE A MID 1
B: VMCF REPLY A MID 2 DATA 'ANSWER'
* 3. UNAUTHORIZE does the same; SPECIFIC for another VM refuses the sink with RC 5 while
*    the message stays, and SPECIFIC for the sink lets it answer.
VMCF SEND B MID 3 DATA 'AGAIN'
VMCF UNAUTHORIZE
B: VMCF RECEIVE A MID 3
B: VMCF REJECT A MID 3
VMCF AUTHORIZE
VMCF SEND B MID 4 DATA 'KEPT'
VMCF AUTHORIZE SPECIFIC C
B: VMCF RECEIVE A MID 4
VMCF AUTHORIZE SPECIFIC B
B: VMCF RECEIVE A MID 4
