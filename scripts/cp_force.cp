* cp_force.cp: FORCE userid logs another VM off with the same cleanup as LOGOFF: its own
* messages are purged, senders of messages to it get a RESPONSE with VMCMEFLG 5. The forced
* VM's terminal shows the usage line and LOGOFF AT ... BY SYSTEM; the issuer gets
* GRAF CONS LOGOFF AS userid USERS = nnn FORCED (DSC for a disconnected VM). CP kept FORCE
* for class A; privilege classes are not modelled, so every user may issue it.
LOGON OPERATOR
LOGON A
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
VMCF SEND A MID 1 DATA 'TO A'
OPERATOR: FORCE A
Q NAMES
* A disconnected VM is forced just the same.
DISCONN
OPERATOR: FORCE B
* Bad input: no userid, yourself, not logged on, too many operands.
LOGON OPERATOR
FORCE
FORCE OPERATOR
FORCE NOBODY
FORCE A NOW
