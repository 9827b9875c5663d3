* cp_reset.cp: SYSTEM RESET, SYSTEM CLEAR and IPL. Each resets the virtual machine and
* runs the VMCF cleanup exactly as UNAUTHORIZE does (the logic manual's DMKVMCUA, called at
* logoff and at reset): the VM's own messages are purged, senders of messages to it get a
* RESPONSE with VMCMEFLG 5, what was queued for it is dropped. CLEAR also zeroes storage.
* IPL of any device or system name: vmcfsim has no operating system to load, says so,
* and the VM stays in CP mode.
LOGON A
VMCF AUTHORIZE
LOGON B
VMCF AUTHORIZE
STORE L3000 C8C5D3D3
* B's SEND to A waits for A's RECEIVE; A resets: B gets EFLG 5, A must AUTHORIZE again.
VMCF SEND A MID 1 DATA 'PENDING'
A: SYSTEM RESET
VMCF SEND A MID 2 DATA 'AGAIN'
* SYSTEM RESET keeps storage; SYSTEM CLEAR zeroes it.
SYSTEM RESET
DISPLAY L3000
SYSTEM CLEAR
DISPLAY L3000
* IPL: by device address or system name, with CLEAR and PARM. A's SENDs to B end with
* EFLG 5 each time.
VMCF AUTHORIZE
A: VMCF AUTHORIZE
A: VMCF SEND B MID 3 DATA 'TO B'
IPL 190
VMCF AUTHORIZE
A: VMCF SEND B MID 4 DATA 'TO B'
STORE L3000 C8C5D3D3
IPL CMS CLEAR PARM AUTOCR
DISPLAY L3000
* Bad input.
SYSTEM
SYSTEM RESTART
SYSTEM RESET NOW
IPL
IPL TOOLONGNAME
IPL 190 NOW
IPL 190 PARM
