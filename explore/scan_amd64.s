#include "textflag.h"

// func scanFold2(b []byte, c1, c2 byte, pos []int) (n, next int)
//
// Sixteen bytes at a time (SSE2, present on every amd64): OR 0x20 folds
// ASCII upper case onto lower case, two compares find c1 and c2, and the
// offsets of the hits go to pos. Returns early, with next at the first
// byte not scanned, when pos might not hold the hits of another block.
TEXT ·scanFold2(SB), NOSPLIT, $0-72
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), BX
	MOVBLZX c1+24(FP), AX
	MOVBLZX c2+25(FP), DX
	MOVQ pos_base+32(FP), DI
	MOVQ pos_len+40(FP), R11
	XORQ R12, R12
	MOVQ SI, R13
	LEAQ (SI)(BX*1), R8
	LEAQ -16(R8), R9

	MOVD AX, X1
	PUNPCKLBW X1, X1
	PUNPCKLBW X1, X1
	PSHUFL $0, X1, X1
	MOVD DX, X2
	PUNPCKLBW X2, X2
	PUNPCKLBW X2, X2
	PSHUFL $0, X2, X2
	MOVL $0x20202020, CX
	MOVD CX, X3
	PSHUFL $0, X3, X3

	CMPQ BX, $16
	JB tail

loop:
	CMPQ SI, R9
	JA tail
	MOVOU (SI), X0
	POR X3, X0
	MOVOU X0, X4
	PCMPEQB X1, X0
	PCMPEQB X2, X4
	POR X4, X0
	PMOVMSKB X0, CX
	TESTL CX, CX
	JNZ emit
	ADDQ $16, SI
	JMP loop

emit:
	MOVQ R11, R10
	SUBQ R12, R10
	CMPQ R10, $16
	JB full
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

tail:
	CMPQ SI, R8
	JAE done
	CMPQ R12, R11
	JAE full
	MOVBLZX (SI), CX
	ORL $0x20, CX
	CMPB CX, AX
	JEQ temit
	CMPB CX, DX
	JEQ temit
	INCQ SI
	JMP tail
temit:
	MOVQ SI, BX
	SUBQ R13, BX
	MOVQ BX, (DI)(R12*8)
	INCQ R12
	INCQ SI
	JMP tail

full:
	MOVQ R12, n+56(FP)
	SUBQ R13, SI
	MOVQ SI, next+64(FP)
	RET

done:
	MOVQ R12, n+56(FP)
	SUBQ R13, R8
	MOVQ R8, next+64(FP)
	RET
