* smsg.cp: the special message facility. See docs/vmcf.md#smsg; docs/decisions.md#d3, #d4,
* #d12, #d16. CP delivers SMSG as a SENDX from userid SYSTEM: the text at offset 40 for
* exactly LENA bytes, the issuer's userid in VMCMUSE, the TOD clock's low word as MID
* (docs/decisions.md#d3); nothing shows on either terminal and no RESPONSE goes to anyone.
* The target needs the SMSG flag (SET SMSG ON, or AUTHORIZE with X'20': one flag,
* docs/decisions.md#d12) and a VMCF authorization.
LOGON SRV
LOGON USER1
* 1. Neither: SRV is not authorized and its flag is off. CP checks the flag first.
SMSG SRV STAT
*= USER1: ERROR DMKMSG057E
SRV: SET SMSG ON
SMSG SRV STAT
*= USER1: ERROR DMKMSG057E
* 2. SET SMSG ON plus any AUTHORIZE (buffer of 169: 40 + 129 bytes of text).
SRV: VMCF AUTHORIZE BUF 169
*= SRV: AUTHORIZE: RC 0
SMSG SRV STAT
*= SRV: INTERRUPT SMSG FROM USER1 STAT NONE EFLG 0 LENA 4 TEXT 'STAT'
SRV: QUERY SET
* 3. SET SMSG OFF clears the flag; AUTHORIZE with X'20' alone sets it again.
SRV: SET SMSG OFF
SMSG SRV STAT
*= USER1: ERROR DMKMSG057E
SRV: VMCF AUTHORIZE SMSG BUF 169
*= SRV: AUTHORIZE: RC 0
SRV: QUERY SET
SMSG SRV   two blanks,  kept as typed
*= SRV: INTERRUPT SMSG FROM USER1 STAT NONE EFLG 0 LENA 28 TEXT '  two blanks,  kept as typed'
* 4. An UNAUTHORIZE leaves the flag on (docs/decisions.md#d12) but the target is no longer
*    authorized.
SRV: VMCF UNAUTHORIZE
*= SRV: UNAUTHORIZE: RC 0
SMSG SRV STAT
*= USER1: ERROR DMKMSG057E
* 5. SPECIFIC never blocks CP (docs/decisions.md#d4): SRV takes SMSGs although it talks only
*    to USER2.
SRV: VMCF AUTHORIZE SPECIFIC USER2 BUF 169
*= SRV: AUTHORIZE: RC 0
SMSG SRV END
*= SRV: INTERRUPT SMSG FROM USER1 STAT NONE EFLG 0 LENA 3 TEXT 'END'
* 6. vmcfsim's own refusals (docs/decisions.md#d4): a quiesced target, and a buffer too
*    small for the text.
SRV: VMCF QUIESCE
*= SRV: QUIESCE: RC 0
SMSG SRV STAT
*= USER1: ERROR DMKMSG057E
SRV: VMCF RESUME
*= SRV: RESUME: RC 0
SRV: VMCF AUTHORIZE SMSG BUF 48
*= SRV: AUTHORIZE: RC 0
SMSG SRV 123456789
*= USER1: ERROR DMKMSG057E
SMSG SRV 12345678
*= SRV: INTERRUPT SMSG FROM USER1 STAT NONE EFLG 0 LENA 8 TEXT '12345678'
* 7. Errors of the command itself: target not logged on, no userid; SMSG * is yourself.
SMSG NOBODY HELLO
*= USER1: ERROR DMKMSG045W
SMSG
*= USER1: ERROR DMKMSG020E
SRV: SMSG * ME
*= SRV: INTERRUPT SMSG FROM SRV STAT NONE EFLG 0 LENA 2 TEXT 'ME'
