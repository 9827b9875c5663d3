* buffers.cp: RC 1, invalid buffer address or length. See docs/vmcf.md#return-codes,
* #external-interrupt-x4001, #edge-cases; docs/decisions.md#d6. AUTHORIZE's interrupt buffer
* must be doubleword aligned, inside storage and at least 40 bytes; data and buffers of
* SEND, SEND/RECV, SENDX, RECEIVE and REPLY must lie inside the VM's storage. A VM has 1M
* (X'100000') unless DEFINE STORAGE says otherwise. RC 1 comes before the target's state is
* looked at (docs/decisions.md#d6), so it wins over RC 5 below.
LOGON A
VMCF AUTHORIZE BUF 39
VMCF AUTHORIZE AT L1004
VMCF AUTHORIZE AT LFFFE0 BUF 40
VMCF AUTHORIZE AT LFFFD8 BUF 40
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
* Data that runs past the end of storage: one byte at X'FFFFF' fits, two do not.
VMCF SEND A ADDR LFFFFF LEN 2
VMCF SEND NOBODY ADDR LFFFFF LEN 2
VMCF SENDRECV A ADDR L100000 LEN 1 REPLYBUF 8
VMCF SENDRECV A DATA 'Q' REPLYBUF 8 AT LFFFFF8
VMCF SENDRECV A DATA 'Q' REPLYBUF 9 AT LFFFFF8
VMCF SENDX A ADDR L0 LEN X'FFFFFFFF'
* Address 0 is storage: a SEND of one byte from X'0' is valid
* (docs/vmcf.md#what-programs-rely-on).
VMCF SEND A MID 1 ADDR L0 LEN 1
A: VMCF RECEIVE B MID 1 INTO L100000 LEN 1
A: VMCF RECEIVE B MID 1 INTO LFFFFF LEN 1
VMCF SENDRECV A MID 2 DATA 'Q' REPLYBUF 8
A: VMCF REPLY B MID 2 ADDR LFFFFC LEN 8
A: VMCF REPLY B MID 2 ADDR LFFFF8 LEN 8
