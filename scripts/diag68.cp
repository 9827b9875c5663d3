* diag68.cp: the raw path. See docs/vmcf.md#diagnose-x68,
* #vmcparm, #return-codes-by-subfunction, #what-programs-rely-on; docs/decisions.md#d9.
* An assembler program builds the 40-byte VMCPARM in its storage (doubleword aligned)
* and issues DIAGNOSE X'68' with its address; CP answers in register Ry. Here the bytes
* are STOREd by hand and run with DIAG 68, next to the console's VMCF form of the same
* call, which builds its VMCPARM at X'1FFD8' and goes through the same entry.
*   00 FLG1, 01 FLG2, 02 FUNC, 04 MID, 08 USER, 10 VADA, 14 LENA, 18 VADB, 1C LENB, 20 USE
LOGON A
VMCF AUTHORIZE
*= A: AUTHORIZE: RC 0
LOGON B
* AUTHORIZE by hand: FUNC X'0000', buffer X'1000', 40 (X'28') bytes.
STORE L800 00000000 00000000 40404040 40404040 00001000 00000028 00000000 00000000 0 0
DIAG 68 L800
*= B: AUTHORIZE: RC 0
* SEND, console form: the VMCPARM it built is at X'1FFD8'.
VMCF SEND A MID 1 DATA 'HELLO' AT L20100 USE 'BY VMCF'
*= B: SEND TO A MID 1: RC 0
*= A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 5 USE 'BY VMCF'
DISPLAY T1FFD8.28
A: VMCF RECEIVE B MID 1
*= A: RECEIVE FROM B MID 1: RC 0
*= A: DATA MOVED TO 020000 'HELLO'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 1 STAT RESP EFLG 0 LENA 0
* The same SEND by hand, with MID 2: the same interrupt for A, the same RESPONSE for B.
STORE L800 00000002 00000002 C1404040 40404040 00020100 00000005 00000000 00000000
STORE L820 'BY DIAG '
DISPLAY T800.28
DIAG 68 L800
*= B: SEND TO A MID 2: RC 0
*= A: INTERRUPT SEND FROM B MID 2 STAT NONE EFLG 0 LENA 5 USE 'BY DIAG'
* A copy of a received header works as a parameter list
* (docs/vmcf.md#what-programs-rely-on): A turns the SEND header in its buffer into a RECEIVE
* (FUNC X'0005') and issues it in place. VADA is then the receive buffer: A's own X'20100'.
A: STORE S1002 0005
A: DIAG 68 L1000
*= A: RECEIVE FROM B MID 2: RC 0
*= A: DATA MOVED TO 020100 'HELLO'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 2 STAT RESP EFLG 0 LENA 0 USE 'BY DIAG'
A: DISPLAY T20100.5
* Fields a subfunction does not use are ignored: an UNAUTHORIZE full of leftovers is 0.
A: STORE L800 20FF0001 FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF
A: DIAG 68 L800
*= A: UNAUTHORIZE: RC 0
* A parameter list off a doubleword, or outside storage, is a program exception, not a
* return code (docs/decisions.md#d9). CP prints nothing for a program check it reflects to
* the program, so vmcfsim says what happened in its own words, marked as not a CP message,
* with no DMK id.
DIAG 68 L804
*= B: ERROR VMCFSIM-PROGRAM-CHECK-SPECIFICATION
DIAG 68 L100000
*= B: ERROR VMCFSIM-PROGRAM-CHECK-ADDRESSING
DIAG 68 LFFFF8
*= B: ERROR VMCFSIM-PROGRAM-CHECK-ADDRESSING
