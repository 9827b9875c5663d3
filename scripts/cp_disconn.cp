* cp_disconn.cp: DISCONN and reconnect. A disconnected VM stays logged on and keeps
* running without its terminal: SMSG and VMCF still reach it (service machines run
* disconnected), MSG and WARNING are refused (DMKMSG057E ... NOT RECEIVING; DISCONNECTED),
* QUERY shows it as DSC. LOGON of its userid reconnects it (RECONNECTED AT), with
* everything that reached it meanwhile still where CP put it. The transcript still shows
* what its program sees and does (vmcfsim's choice; CP would write to no terminal).
LOGON SRV
VMCF AUTHORIZE SMSG BUF 200
*= SRV: AUTHORIZE: RC 0
LOGON A
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
* The service machine disconnects (A stays current: SRV was not).
SRV: DISCONN
Q NAMES
Q SRV
* MSG and WARNING find no terminal; SMSG and a SEND reach the program.
MSG SRV are you there?
*= A: ERROR DMKMSG057E
WARNING SRV going down soon
*= A: ERROR DMKMSG057E
SMSG SRV STATUS
*= SRV: INTERRUPT SMSG FROM A TEXT 'STATUS'
VMCF SEND SRV MID 1 DATA 'WORK'
*= A: SEND TO SRV MID 1: RC 0
*= SRV: INTERRUPT SEND FROM A MID 1 STAT NONE EFLG 0 LENA 4
* Its program still runs: it RECEIVEs and answers (userid: acts as its program).
SRV: VMCF RECEIVE A MID 1
*= SRV: RECEIVE FROM A MID 1: RC 0
*= A: INTERRUPT RESPONSE FROM SRV TO SEND MID 1 STAT RESP EFLG 0 LENA 0
SRV: SMSG A ignored: A has no SMSG flag
*= SRV: ERROR DMKMSG057E
* Bad input: DISCONN takes only HOLD, and a disconnected VM cannot disconnect again.
DISCONN NOW
*= A: ERROR DMKUSO002E
SRV: DISCONN
*= SRV: ERROR VMCFSIM-ALREADY-DISCONNECTED
* LOGON reconnects (from any terminal) and makes it current; it sees its buffer as left.
LOGON SRV
Q NAMES
DISPLAY T1000.30
* DISCONN HOLD works the same (HOLD keeps a dial-up line; here it means nothing). The
* current user disconnecting leaves nobody current: the prompt is > again.
DISCONN HOLD
LOGON SRV
