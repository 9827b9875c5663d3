* disable_enable.cp: interrupt delivery while disabled. See
* docs/vmcf.md#external-interrupt-x4001, #interrupt-delivery; docs/decisions.md#d13, #d14.
* CP presents X'4001' only to an enabled VM, one at a time, each header stored over the last
* in the same buffer. vmcfsim's guest takes each at once while enabled; DISABLE holds them
* queued in CP and ENABLE presents them in order (priority ones first: see priority.cp). A
* SENDX waiting behind DISABLE moves its data, and completes for its source, only when it is
* presented (docs/decisions.md#d14). An SMSG waits the same way.
LOGON A
VMCF AUTHORIZE SMSG BUF 64
LOGON B
VMCF AUTHORIZE
LOGON C
VMCF AUTHORIZE
A: DISABLE
B: VMCF SEND A MID 1 DATA 'FIRST'
C: VMCF IDENTIFY A USE 'HELLO'
B: VMCF SENDX A MID 2 DATA 'THIRD'
B: SMSG A FOURTH
C: VMCF SENDRECV A MID 1 DATA 'FIFTH' REPLYBUF 8
* Nothing has reached A's buffer yet: it is still all zeros.
A: DISPLAY T1000.40
A: ENABLE
* The buffer holds the last header presented.
A: DISPLAY T1000.28
* DISABLE also holds RESPONSEs: B's comes when B enables.
B: DISABLE
A: VMCF RECEIVE B MID 1
B: ENABLE
A: VMCF REPLY C MID 1
