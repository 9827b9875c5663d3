* message_limit.cp: the 50-message limit. See docs/vmcf.md#limits,
* #identify; docs/decisions.md#d10.
* A source may have 50 messages in transit: from an accepted SEND, SEND/RECV, SENDX or
* IDENTIFY until its RESPONSE is presented, it is cancelled or purged (an IDENTIFY until
* it is presented). The 51st request of any of those kinds gets RC 10. B is DISABLEd so
* that the fifty wait in its queue; SMSGs do not count (docs/decisions.md#d4).
LOGON B
VMCF AUTHORIZE SMSG BUF 169
DISABLE
LOGON A
VMCF AUTHORIZE
* Fifty SENDs, MIDs 1 to 50 (the console numbers them).
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
VMCF SEND B
* The 51st of each kind is refused.
VMCF SEND B
VMCF SENDRECV B REPLYBUF 8
VMCF SENDX B
VMCF IDENTIFY B
* The limit is per source: another VM still sends, and SMSG is not a message of A's.
LOGON C
VMCF AUTHORIZE
VMCF SEND B MID 1
A: SMSG B STILL ROOM
* A CANCEL frees a slot, and only one.
A: VMCF CANCEL B MID 1
A: VMCF SEND B MID 1
A: VMCF SEND B MID 51
* A logs off: its fifty messages are purged and withdrawn from B's queue
* (docs/decisions.md#d5); C's message and the SMSG are still there when B enables.
A: LOGOFF
B: ENABLE
