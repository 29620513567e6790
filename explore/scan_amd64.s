#include "textflag.h"

// Broadcasts the byte at off(FP) to all sixteen bytes of reg.
#define BROADCAST(off, reg) \
	MOVBLZX off(FP), AX; \
	MOVD AX, reg; \
	PUNPCKLBW reg, reg; \
	PUNPCKLBW reg, reg; \
	PSHUFL $0, reg, reg

// Broadcasts 0x00 or 0xFF (from the bool at off(FP)) to reg.
#define BROADCASTBOOL(off, reg) \
	MOVBLZX off(FP), AX; \
	NEGL AX; \
	MOVD AX, reg; \
	PSHUFL $0, reg, reg

// func scanPairsSSE(b []byte, a1, b1, a2, b2 byte, any1, any2 bool, pos []int) (n, next int)
//
// Sixteen starting positions at a time (SSE2, present on every amd64): OR
// 0x20 folds ASCII upper case onto lower case in the block at i and the
// block at i+1; a position matches pair k when its byte is ak and the next
// byte is bk (or anyk is set). The offsets go to pos. It scans only whole
// blocks and stops, with next at the first position not scanned, at the
// last 16 positions of b (the caller finishes them) or when pos might not
// hold the hits of another block.
TEXT ·scanPairsSSE(SB), NOSPLIT, $0-72
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), BX
	MOVQ pos_base+32(FP), DI
	MOVQ pos_len+40(FP), R11
	XORQ R12, R12
	MOVQ SI, R13

	BROADCAST(a1+24, X1)
	BROADCAST(b1+25, X2)
	BROADCAST(a2+26, X5)
	BROADCAST(b2+27, X6)
	BROADCASTBOOL(any1+28, X7)
	BROADCASTBOOL(any2+29, X8)
	MOVL $0x20202020, AX
	MOVD AX, X3
	PSHUFL $0, X3, X3

	CMPQ BX, $17
	JB done
	LEAQ -17(SI)(BX*1), R9

loop:
	CMPQ SI, R9
	JA done
	MOVOU (SI), X0
	MOVOU 1(SI), X4
	POR X3, X0
	POR X3, X4
	MOVOU X0, X9
	MOVOU X4, X10
	PCMPEQB X1, X0
	PCMPEQB X2, X4
	POR X7, X4
	PAND X4, X0
	PCMPEQB X5, X9
	PCMPEQB X6, X10
	POR X8, X10
	PAND X10, X9
	POR X9, X0
	PMOVMSKB X0, CX
	TESTL CX, CX
	JNZ emit
	ADDQ $16, SI
	JMP loop

emit:
	MOVQ R11, R10
	SUBQ R12, R10
	CMPQ R10, $16
	JB done
emitloop:
	BSFL CX, R10
	MOVQ SI, BX
	SUBQ R13, BX
	ADDQ R10, BX
	MOVQ BX, (DI)(R12*8)
	INCQ R12
	LEAL -1(CX), R10
	ANDL R10, CX
	JNZ emitloop
	ADDQ $16, SI
	JMP loop

done:
	MOVQ R12, n+56(FP)
	SUBQ R13, SI
	MOVQ SI, next+64(FP)
	RET
