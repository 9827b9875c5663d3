* cp_set.cp: SET EMSG ON|OFF|CODE|TEXT, SET IMSG ON|OFF, and QUERY SET showing every
* setting the VM has, in CP's layout (word, value in four columns, joined by commas).
* EMSG decides how CP's error messages appear on the VM's terminal: id and text (ON), the
* id (CODE), the text (TEXT), or nothing (OFF; the line still fails, exit status 1).
* IMSG OFF hides CP's informational responses (STORAGE = after DEFINE STORAGE, SYSTEM
* RESET, FORCE's report). Both change only this VM's terminal: the JSON events stay the
* same. vmcfsim's own notes (program checks) are not CP messages and always show.
LOGON A
LOGON B
Q SET
A: MSG NOBODY hello
*= A: ERROR DMKMSG045W
SET EMSG CODE
MSG NOBODY hello
*= B: ERROR DMKMSG045W
SET EMSG TEXT
MSG NOBODY hello
*= B: ERROR DMKMSG045W
SET EMSG OFF
MSG NOBODY hello
*= B: ERROR DMKMSG045W
A: MSG NOBODY A still sees its own errors in full
*= A: ERROR DMKMSG045W
DIAG 68 L804
*= B: ERROR VMCFSIM-PROGRAM-CHECK-SPECIFICATION
SET EMSG ON
Q SET
* IMSG: informational responses.
DEFINE STORAGE 2M
SET IMSG OFF
DEFINE STORAGE 1M
SYSTEM RESET
Q SET
Q STORAGE
SET IMSG ON
SYSTEM RESET
* Bad input: every wrong value.
SET EMSG
*= B: ERROR DMKCFS026E
SET EMSG YES
*= B: ERROR DMKCFS002E
SET EMSG CODE TEXT
*= B: ERROR DMKCFS002E
SET IMSG
*= B: ERROR DMKCFS026E
SET IMSG CODE
*= B: ERROR DMKCFS002E
SET RUN ON
*= B: ERROR DMKCFS002E
