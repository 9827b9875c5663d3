* send_recv.cp: the SEND/RECV protocol end to end. See docs/vmcf.md#sendrecv-protocol,
* #sendrecv, #receive, #reply. The SEND interrupt gives the sink the data length (LENA) and
* the reply buffer's length (LENB). The sink may RECEIVE first, then REPLY; or REPLY without
* RECEIVE; a zero-length REPLY just ends the request. The RESPONSE's LENB is the reply
* buffer length minus the bytes replied (docs/vmcf.md#headers-by-interrupt,
* #what-programs-rely-on), its USE the sink's REPLY doubleword (docs/decisions.md#d1).
LOGON A
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
* 1. RECEIVE, then REPLY: B asks, A reads the question and answers with 5 of 16 bytes.
VMCF SENDRECV A MID 1 DATA 'QUERY' REPLYBUF 16 AT L30000 USE 'B-ASKS'
A: VMCF RECEIVE B MID 1
A: VMCF REPLY B MID 1 DATA 'FINE.' USE X'0000000000000000'
DISPLAY T30000.10
* 2. REPLY without RECEIVE: A does not take B's data but answers (VMCMLENA stays 3).
VMCF SEND/RECV A MID 2 DATA 'ABC' REPLYBUF 8 AT L30100
A: VMCF REPLY B MID 2 DATA X'C1C2' USE 'RC=0'
* 3. A zero-length REPLY just ends the request: LENB = the whole reply buffer.
VMCF SENDR A MID 3 DATA 'PING' REPLYBUF 8 AT L30200
A: VMCF RECEIVE B MID 3
A: VMCF REPLY B MID 3
* 4. The send buffer is also the reply buffer (VADA = VADB): the reply overwrites the
*    request, as real programs rely on (docs/vmcf.md#what-programs-rely-on).
STORE L30300 'REQUEST!'
VMCF SENDRECV A MID 4 ADDR L30300 LEN 8 REPLYBUF 8 AT L30300
A: VMCF RECEIVE B MID 4
A: VMCF REPLY B MID 4 DATA 'ANSWERED'
DISPLAY T30300.8
