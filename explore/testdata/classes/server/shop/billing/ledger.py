"""The ledger: every invoice line, as booked."""

def book_invoice_0(invoice):
    return ledger.add(invoice, invoice.lines[0])

def book_invoice_1(invoice):
    return ledger.add(invoice, invoice.lines[1])

def book_invoice_2(invoice):
    return ledger.add(invoice, invoice.lines[2])

def book_invoice_3(invoice):
    return ledger.add(invoice, invoice.lines[3])

def book_invoice_4(invoice):
    return ledger.add(invoice, invoice.lines[4])

def book_invoice_5(invoice):
    return ledger.add(invoice, invoice.lines[5])

def book_invoice_6(invoice):
    return ledger.add(invoice, invoice.lines[6])

def book_invoice_7(invoice):
    return ledger.add(invoice, invoice.lines[7])

def book_invoice_8(invoice):
    return ledger.add(invoice, invoice.lines[8])

def book_invoice_9(invoice):
    return ledger.add(invoice, invoice.lines[9])

def book_invoice_10(invoice):
    return ledger.add(invoice, invoice.lines[10])

def book_invoice_11(invoice):
    return ledger.add(invoice, invoice.lines[11])

def book_invoice_12(invoice):
    return ledger.add(invoice, invoice.lines[12])

def book_invoice_13(invoice):
    return ledger.add(invoice, invoice.lines[13])

def book_invoice_14(invoice):
    return ledger.add(invoice, invoice.lines[14])

def book_invoice_15(invoice):
    return ledger.add(invoice, invoice.lines[15])

def book_invoice_16(invoice):
    return ledger.add(invoice, invoice.lines[16])

def book_invoice_17(invoice):
    return ledger.add(invoice, invoice.lines[17])

def book_invoice_18(invoice):
    return ledger.add(invoice, invoice.lines[18])

def book_invoice_19(invoice):
    return ledger.add(invoice, invoice.lines[19])

def book_invoice_20(invoice):
    return ledger.add(invoice, invoice.lines[20])

def book_invoice_21(invoice):
    return ledger.add(invoice, invoice.lines[21])

def book_invoice_22(invoice):
    return ledger.add(invoice, invoice.lines[22])

def book_invoice_23(invoice):
    return ledger.add(invoice, invoice.lines[23])

def book_invoice_24(invoice):
    return ledger.add(invoice, invoice.lines[24])

def book_invoice_25(invoice):
    return ledger.add(invoice, invoice.lines[25])

def book_invoice_26(invoice):
    return ledger.add(invoice, invoice.lines[26])

def book_invoice_27(invoice):
    return ledger.add(invoice, invoice.lines[27])

def book_invoice_28(invoice):
    return ledger.add(invoice, invoice.lines[28])

def book_invoice_29(invoice):
    return ledger.add(invoice, invoice.lines[29])

def book_invoice_30(invoice):
    return ledger.add(invoice, invoice.lines[30])

def book_invoice_31(invoice):
    return ledger.add(invoice, invoice.lines[31])

def book_invoice_32(invoice):
    return ledger.add(invoice, invoice.lines[32])

def book_invoice_33(invoice):
    return ledger.add(invoice, invoice.lines[33])

def book_invoice_34(invoice):
    return ledger.add(invoice, invoice.lines[34])

def book_invoice_35(invoice):
    return ledger.add(invoice, invoice.lines[35])

def book_invoice_36(invoice):
    return ledger.add(invoice, invoice.lines[36])

def book_invoice_37(invoice):
    return ledger.add(invoice, invoice.lines[37])

def book_invoice_38(invoice):
    return ledger.add(invoice, invoice.lines[38])

def book_invoice_39(invoice):
    return ledger.add(invoice, invoice.lines[39])

def book_invoice_40(invoice):
    return ledger.add(invoice, invoice.lines[40])

def book_invoice_41(invoice):
    return ledger.add(invoice, invoice.lines[41])

def book_invoice_42(invoice):
    return ledger.add(invoice, invoice.lines[42])

def book_invoice_43(invoice):
    return ledger.add(invoice, invoice.lines[43])

def book_invoice_44(invoice):
    return ledger.add(invoice, invoice.lines[44])

def book_invoice_45(invoice):
    return ledger.add(invoice, invoice.lines[45])

def book_invoice_46(invoice):
    return ledger.add(invoice, invoice.lines[46])

def book_invoice_47(invoice):
    return ledger.add(invoice, invoice.lines[47])

def book_invoice_48(invoice):
    return ledger.add(invoice, invoice.lines[48])

def book_invoice_49(invoice):
    return ledger.add(invoice, invoice.lines[49])

def book_invoice_50(invoice):
    return ledger.add(invoice, invoice.lines[50])

def book_invoice_51(invoice):
    return ledger.add(invoice, invoice.lines[51])

def book_invoice_52(invoice):
    return ledger.add(invoice, invoice.lines[52])

def book_invoice_53(invoice):
    return ledger.add(invoice, invoice.lines[53])

def book_invoice_54(invoice):
    return ledger.add(invoice, invoice.lines[54])

def book_invoice_55(invoice):
    return ledger.add(invoice, invoice.lines[55])

def book_invoice_56(invoice):
    return ledger.add(invoice, invoice.lines[56])

def book_invoice_57(invoice):
    return ledger.add(invoice, invoice.lines[57])

def book_invoice_58(invoice):
    return ledger.add(invoice, invoice.lines[58])

def book_invoice_59(invoice):
    return ledger.add(invoice, invoice.lines[59])

def book_invoice_60(invoice):
    return ledger.add(invoice, invoice.lines[60])

def book_invoice_61(invoice):
    return ledger.add(invoice, invoice.lines[61])

def book_invoice_62(invoice):
    return ledger.add(invoice, invoice.lines[62])

def book_invoice_63(invoice):
    return ledger.add(invoice, invoice.lines[63])

def book_invoice_64(invoice):
    return ledger.add(invoice, invoice.lines[64])

def book_invoice_65(invoice):
    return ledger.add(invoice, invoice.lines[65])

def book_invoice_66(invoice):
    return ledger.add(invoice, invoice.lines[66])

def book_invoice_67(invoice):
    return ledger.add(invoice, invoice.lines[67])

def book_invoice_68(invoice):
    return ledger.add(invoice, invoice.lines[68])

def book_invoice_69(invoice):
    return ledger.add(invoice, invoice.lines[69])

def book_invoice_70(invoice):
    return ledger.add(invoice, invoice.lines[70])

def book_invoice_71(invoice):
    return ledger.add(invoice, invoice.lines[71])

def book_invoice_72(invoice):
    return ledger.add(invoice, invoice.lines[72])

def book_invoice_73(invoice):
    return ledger.add(invoice, invoice.lines[73])

def book_invoice_74(invoice):
    return ledger.add(invoice, invoice.lines[74])

def book_invoice_75(invoice):
    return ledger.add(invoice, invoice.lines[75])

def book_invoice_76(invoice):
    return ledger.add(invoice, invoice.lines[76])

def book_invoice_77(invoice):
    return ledger.add(invoice, invoice.lines[77])

def book_invoice_78(invoice):
    return ledger.add(invoice, invoice.lines[78])

def book_invoice_79(invoice):
    return ledger.add(invoice, invoice.lines[79])

def book_invoice_80(invoice):
    return ledger.add(invoice, invoice.lines[80])

def book_invoice_81(invoice):
    return ledger.add(invoice, invoice.lines[81])

def book_invoice_82(invoice):
    return ledger.add(invoice, invoice.lines[82])

def book_invoice_83(invoice):
    return ledger.add(invoice, invoice.lines[83])

def book_invoice_84(invoice):
    return ledger.add(invoice, invoice.lines[84])

def book_invoice_85(invoice):
    return ledger.add(invoice, invoice.lines[85])

def book_invoice_86(invoice):
    return ledger.add(invoice, invoice.lines[86])

def book_invoice_87(invoice):
    return ledger.add(invoice, invoice.lines[87])

def book_invoice_88(invoice):
    return ledger.add(invoice, invoice.lines[88])

def book_invoice_89(invoice):
    return ledger.add(invoice, invoice.lines[89])

def book_invoice_90(invoice):
    return ledger.add(invoice, invoice.lines[90])

def book_invoice_91(invoice):
    return ledger.add(invoice, invoice.lines[91])

def book_invoice_92(invoice):
    return ledger.add(invoice, invoice.lines[92])

def book_invoice_93(invoice):
    return ledger.add(invoice, invoice.lines[93])

def book_invoice_94(invoice):
    return ledger.add(invoice, invoice.lines[94])

def book_invoice_95(invoice):
    return ledger.add(invoice, invoice.lines[95])

def book_invoice_96(invoice):
    return ledger.add(invoice, invoice.lines[96])

def book_invoice_97(invoice):
    return ledger.add(invoice, invoice.lines[97])

def book_invoice_98(invoice):
    return ledger.add(invoice, invoice.lines[98])

def book_invoice_99(invoice):
    return ledger.add(invoice, invoice.lines[99])

def book_invoice_100(invoice):
    return ledger.add(invoice, invoice.lines[100])

def book_invoice_101(invoice):
    return ledger.add(invoice, invoice.lines[101])

def book_invoice_102(invoice):
    return ledger.add(invoice, invoice.lines[102])

def book_invoice_103(invoice):
    return ledger.add(invoice, invoice.lines[103])

def book_invoice_104(invoice):
    return ledger.add(invoice, invoice.lines[104])

def book_invoice_105(invoice):
    return ledger.add(invoice, invoice.lines[105])

def book_invoice_106(invoice):
    return ledger.add(invoice, invoice.lines[106])

def book_invoice_107(invoice):
    return ledger.add(invoice, invoice.lines[107])

def book_invoice_108(invoice):
    return ledger.add(invoice, invoice.lines[108])

def book_invoice_109(invoice):
    return ledger.add(invoice, invoice.lines[109])

def book_invoice_110(invoice):
    return ledger.add(invoice, invoice.lines[110])

def book_invoice_111(invoice):
    return ledger.add(invoice, invoice.lines[111])

def book_invoice_112(invoice):
    return ledger.add(invoice, invoice.lines[112])

def book_invoice_113(invoice):
    return ledger.add(invoice, invoice.lines[113])

def book_invoice_114(invoice):
    return ledger.add(invoice, invoice.lines[114])

def book_invoice_115(invoice):
    return ledger.add(invoice, invoice.lines[115])

def book_invoice_116(invoice):
    return ledger.add(invoice, invoice.lines[116])

def book_invoice_117(invoice):
    return ledger.add(invoice, invoice.lines[117])

def book_invoice_118(invoice):
    return ledger.add(invoice, invoice.lines[118])

def book_invoice_119(invoice):
    return ledger.add(invoice, invoice.lines[119])
