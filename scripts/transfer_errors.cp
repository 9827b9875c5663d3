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
LOGON B
VMCF AUTHORIZE
* 16 on RECEIVE: 10 bytes into a 4-byte buffer.
VMCF SEND A MID 1 DATA 'TEN BYTES!' USE 'SRC'
A: VMCF RECEIVE B MID 1 LEN 4 USE 'SHORT'
* 16 on REPLY: 9 bytes for a 4-byte reply buffer.
VMCF SENDRECV A MID 2 DATA 'ASK' REPLYBUF 4
A: VMCF REPLY B MID 2 DATA 'TOO LONG!' USE 'LONG'
* 17: B sends to itself and RECEIVEs over its own data, then REPLYs into its reply
* buffer from bytes that overlap it.
VMCF SEND B MID 3 DATA 'SELF' AT L30200 USE 'LOOP'
VMCF RECEIVE B MID 3 INTO L30202 LEN 4 USE 'OVERLAP'
VMCF SENDRECV B MID 4 DATA 'SELF' REPLYBUF 8 AT L30000
VMCF REPLY B MID 4 ADDR L30004 LEN 8
* Disjoint buffers are fine even for a VM talking to itself.
VMCF SENDRECV B MID 5 DATA 'SELF' REPLYBUF 8 AT L30000
VMCF RECEIVE B MID 5 INTO L30100
VMCF REPLY B MID 5 DATA 'MYSELF'
* 5 when the sink leaves: A UNAUTHORIZEs with B's message still unanswered.
VMCF SEND A MID 6 DATA 'LATE'
A: VMCF UNAUTHORIZE
