* cp_force.cp: FORCE userid logs another VM off with the same cleanup as LOGOFF: its own
* messages are purged, senders of messages to it get a RESPONSE with VMCMEFLG 5. The forced
* VM's terminal shows the usage line and LOGOFF AT ... BY SYSTEM; the issuer gets
* GRAF CONS LOGOFF AS userid USERS = nnn FORCED (DSC for a disconnected VM). CP kept FORCE
* for class A; privilege classes are not modelled, so every user may issue it.
LOGON OPERATOR
LOGON A
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
LOGON B
VMCF AUTHORIZE
*= B: AUTHORIZE: RC 0
VMCF SEND A MID 1 DATA 'TO A'
*= B: SEND TO A MID 1: RC 0
*= A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 4
OPERATOR: FORCE A
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 1 STAT RESP EFLG 5 LENA 4
Q NAMES
* A disconnected VM is forced just the same.
DISCONN
OPERATOR: FORCE B
* Bad input: no userid, yourself, not logged on, too many operands.
LOGON OPERATOR
FORCE
*= OPERATOR: ERROR DMKCFC020E
FORCE OPERATOR
*= OPERATOR: ERROR DMKCFC020E
FORCE NOBODY
*= OPERATOR: ERROR DMKCFC045W
FORCE A NOW
*= OPERATOR: ERROR DMKCFC002E
