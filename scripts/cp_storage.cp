* cp_storage.cp: DISPLAY, STORE and DEFINE STORAGE. See
* docs/console.md#display, #store, #define-storage.
* DISPLAY L shows storage in hex by fullwords, from a fullword; DISPLAY T adds the
* EBCDIC translation between asterisks, from a 16-byte line. A range is hexloc-hexloc,
* hexloc:hexloc or hexloc.bytecount (hex), or to END. Runs of lines the same as the one
* before show as one SUPPRESSED line. STORE L stores words (rounded down to a fullword),
* STORE S bytes at the exact address; 'text' (vmcfsim) stores EBCDIC. DEFINE STORAGE
* changes the size and clears storage as CP's system reset did.
LOGON A
STORE L100 C8C5D3D3 D640E6D6 D9D3C440 40404040
DISPLAY L100
DISPLAY L100.10
D T100.20
D T100-11F
D L102:107
* A hexword of fewer than 8 digits is right-justified; 9 to 16 digits fill a doubleword.
STORE L203 1 ABCDEF0123
D L200.10
STORE S301 C1C2C3
STORE S310 C1C2C
*= A: ERROR DMKCDS005E
D T300.20
STORE L400 'Text, case kept'
D T400.10
* Non-printable bytes show as '.', as do bytes with no graphic in the 3270 set.
STORE S500 00414A4B4F5A5F6A79A1C0D0E0FF
D T500.10
* The end of storage: 1M is X'100000' bytes.
QUERY STORAGE
D TFFFF0-END
D LFFFFC.END
D L100000
*= A: ERROR DMKCDB160E
* A STORE that would pass the end stores nothing, and names the address typed.
STORE LFFFFC 1 2
*= A: ERROR DMKCDS160E
DEFINE STORAGE 64K
QUERY STORAGE
D T100.10
D TFFF0.10
DEFINE STORAGE 16M
QUERY STORAGE
D TFFFFF0.10
DEFINE STORAGE 17M
*= A: ERROR DMKDEH025E
