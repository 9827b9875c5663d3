* transfer_errors.cp: data-transfer error codes, seen from the sink and from the source
* (docs/vmcf.md#data-transfer-errors, #receive, #reply, #edge-cases; docs/decisions.md#d8,
* #d5, #d1). A SEND-type call that returned 0 has only started the transfer; an error found
* when the data moves is told to the sink by its RECEIVE or REPLY return code, and to the
* source in VMCMEFLG of its RESPONSE.
*   16 incorrect length: a RECEIVE buffer shorter than the data, or a REPLY longer than the
*      reply buffer. No bytes move and the transaction ends for both (docs/decisions.md#d8).
*   17 destructive overlap: only a VM talking to itself can make its buffers overlap.
*    5 sink not available: the sink UNAUTHORIZEd, logged off, or re-AUTHORIZEd SPECIFIC
*      for another (see specific.cp and logoff_in_transit.cp).
*    7 SENDX too large: the sink re-AUTHORIZEd with a smaller buffer (see reauthorize.cp).
* Codes that cannot arise in vmcfsim: 1 (storage cannot shrink under a message: DEFINE
* STORAGE resets VMCF and so purges or ends it first), 6, 15 and 19 (docs/decisions.md#d11).
LOGON A
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
* 16 on RECEIVE: 10 bytes into a 4-byte buffer.
VMCF SEND A MID 1 DATA 'TEN BYTES!' USE 'SRC'
*= B: SEND TO A MID 1: RC 0
*= A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 10 USE 'SRC'
A: VMCF RECEIVE B MID 1 LEN 4 USE 'SHORT'
*= A: RECEIVE FROM B MID 1: RC 16
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 1 STAT RESP EFLG 16 LENA 10 USE 'SHORT'
* 16 on REPLY: 9 bytes for a 4-byte reply buffer.
VMCF SENDRECV A MID 2 DATA 'ASK' REPLYBUF 4
*= B: SENDRECV TO A MID 2: RC 0
*= A: INTERRUPT SENDRECV FROM B MID 2 STAT NONE EFLG 0 LENA 3 LENB 4
A: VMCF REPLY B MID 2 DATA 'TOO LONG!' USE 'LONG'
*= A: REPLY TO B MID 2: RC 16
*= B: INTERRUPT RESPONSE FROM A TO SENDRECV MID 2 STAT RESP EFLG 16 LENA 3 LENB 4 USE 'LONG'
* 17: B sends to itself and RECEIVEs over its own data, then REPLYs into its reply
* buffer from bytes that overlap it.
VMCF SEND B MID 3 DATA 'SELF' AT L30200 USE 'LOOP'
*= B: SEND TO B MID 3: RC 0
*= B: INTERRUPT SEND FROM B MID 3 STAT NONE EFLG 0 LENA 4 USE 'LOOP'
VMCF RECEIVE B MID 3 INTO L30202 LEN 4 USE 'OVERLAP'
*= B: RECEIVE FROM B MID 3: RC 17
*= B: INTERRUPT RESPONSE FROM B TO SEND MID 3 STAT RESP EFLG 17 LENA 4 USE 'OVERLAP'
VMCF SENDRECV B MID 4 DATA 'SELF' REPLYBUF 8 AT L30000
*= B: SENDRECV TO B MID 4: RC 0
*= B: INTERRUPT SENDRECV FROM B MID 4 STAT NONE EFLG 0 LENA 4 LENB 8
VMCF REPLY B MID 4 ADDR L30004 LEN 8
*= B: REPLY TO B MID 4: RC 17
*= B: INTERRUPT RESPONSE FROM B TO SENDRECV MID 4 STAT RESP EFLG 17 LENA 4 LENB 8
* Disjoint buffers are fine even for a VM talking to itself.
VMCF SENDRECV B MID 5 DATA 'SELF' REPLYBUF 8 AT L30000
*= B: SENDRECV TO B MID 5: RC 0
*= B: INTERRUPT SENDRECV FROM B MID 5 STAT NONE EFLG 0 LENA 4 LENB 8
VMCF RECEIVE B MID 5 INTO L30100
*= B: RECEIVE FROM B MID 5: RC 0
*= B: DATA MOVED TO 030100 'SELF'
VMCF REPLY B MID 5 DATA 'MYSELF'
*= B: REPLY TO B MID 5: RC 0
*= B: DATA MOVED TO 030000 'MYSELF'
*= B: INTERRUPT RESPONSE FROM B TO SENDRECV MID 5 STAT RESP EFLG 0 LENA 0 LENB 2
* 5 when the sink leaves: A UNAUTHORIZEs with B's message still unanswered.
VMCF SEND A MID 6 DATA 'LATE'
*= B: SEND TO A MID 6: RC 0
*= A: INTERRUPT SEND FROM B MID 6 STAT NONE EFLG 0 LENA 4
A: VMCF UNAUTHORIZE
*= A: UNAUTHORIZE: RC 0
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 6 STAT RESP EFLG 5 LENA 4
