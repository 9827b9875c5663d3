* cp_logon.cp: LOGON, LOGOFF and the QUERY forms. See docs/console.md#logon-and-logoff,
* #query, #sessions-and-users. LOGON logs a VM on and makes it current; LOGON of a VM
* already on reconnects to it. LOGOFF ends the current VM (with VMCF's cleanup) and leaves
* no user current; "userid: command" runs one command as another logged-on user. Before any
* LOGON only QUERY NAMES, USERS, TIME and userid are known.
QUERY NAMES
QUERY TIME
Q USERS
LOGON OPERATOR
LOGON maint
LOGIN RSCS
QUERY NAMES
Q NAM
QUERY USERS
QUERY MAINT
QUERY NOBODY
*= RSCS: ERROR DMKCQG045W
QUERY SET
SET MSG OFF
Q SET
QUERY STORAGE
Q V STOR
DEFINE STORAGE 2M
QUERY VIRTUAL STORAGE
QUERY TIME
* Back to MAINT: CP says it reconnected; OPERATOR: runs one command as OPERATOR.
LOGON MAINT
OPERATOR: QUERY TIME
LOGOFF
QUERY NAMES
RSCS: LOGOFF
OPERATOR: LOGOFF
QUERY USERS
