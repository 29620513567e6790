"""Printing helpers."""

def print_0(doc):
    return render(doc, "invoice")

def print_1(doc):
    return render(doc, "invoice")

def print_2(doc):
    return render(doc, "invoice")

def print_3(doc):
    return render(doc, "invoice")

def print_4(doc):
    return render(doc, "invoice")

def print_5(doc):
    return render(doc, "invoice")

def print_6(doc):
    return render(doc, "invoice")

def print_7(doc):
    return render(doc, "invoice")

def print_8(doc):
    return render(doc, "invoice")

def print_9(doc):
    return render(doc, "invoice")

def print_10(doc):
    return render(doc, "invoice")

def print_11(doc):
    return render(doc, "invoice")

def layout_0(doc):
    return render(doc, "page")

def layout_1(doc):
    return render(doc, "page")

def layout_2(doc):
    return render(doc, "page")

def layout_3(doc):
    return render(doc, "page")

def layout_4(doc):
    return render(doc, "page")

def layout_5(doc):
    return render(doc, "page")

def layout_6(doc):
    return render(doc, "page")

def layout_7(doc):
    return render(doc, "page")

def layout_8(doc):
    return render(doc, "page")

def layout_9(doc):
    return render(doc, "page")

def layout_10(doc):
    return render(doc, "page")

def layout_11(doc):
    return render(doc, "page")

def layout_12(doc):
    return render(doc, "page")

def layout_13(doc):
    return render(doc, "page")

def layout_14(doc):
    return render(doc, "page")

def layout_15(doc):
    return render(doc, "page")

def layout_16(doc):
    return render(doc, "page")

def layout_17(doc):
    return render(doc, "page")

def layout_18(doc):
    return render(doc, "page")

def layout_19(doc):
    return render(doc, "page")

def layout_20(doc):
    return render(doc, "page")

def layout_21(doc):
    return render(doc, "page")

def layout_22(doc):
    return render(doc, "page")

def layout_23(doc):
    return render(doc, "page")

def layout_24(doc):
    return render(doc, "page")

def layout_25(doc):
    return render(doc, "page")

def layout_26(doc):
    return render(doc, "page")

def layout_27(doc):
    return render(doc, "page")

def layout_28(doc):
    return render(doc, "page")

def layout_29(doc):
    return render(doc, "page")

def layout_30(doc):
    return render(doc, "page")

def layout_31(doc):
    return render(doc, "page")

def layout_32(doc):
    return render(doc, "page")

def layout_33(doc):
    return render(doc, "page")

def layout_34(doc):
    return render(doc, "page")

def layout_35(doc):
    return render(doc, "page")

def layout_36(doc):
    return render(doc, "page")

def layout_37(doc):
    return render(doc, "page")

def layout_38(doc):
    return render(doc, "page")

def layout_39(doc):
    return render(doc, "page")

def layout_40(doc):
    return render(doc, "page")

def layout_41(doc):
    return render(doc, "page")

def layout_42(doc):
    return render(doc, "page")

def layout_43(doc):
    return render(doc, "page")

def layout_44(doc):
    return render(doc, "page")

def layout_45(doc):
    return render(doc, "page")

def layout_46(doc):
    return render(doc, "page")

def layout_47(doc):
    return render(doc, "page")

def layout_48(doc):
    return render(doc, "page")

def layout_49(doc):
    return render(doc, "page")

def layout_50(doc):
    return render(doc, "page")

def layout_51(doc):
    return render(doc, "page")

def layout_52(doc):
    return render(doc, "page")

def layout_53(doc):
    return render(doc, "page")

def layout_54(doc):
    return render(doc, "page")

def layout_55(doc):
    return render(doc, "page")

def layout_56(doc):
    return render(doc, "page")

def layout_57(doc):
    return render(doc, "page")

def layout_58(doc):
    return render(doc, "page")

def layout_59(doc):
    return render(doc, "page")

def layout_60(doc):
    return render(doc, "page")

def layout_61(doc):
    return render(doc, "page")

def layout_62(doc):
    return render(doc, "page")

def layout_63(doc):
    return render(doc, "page")

def layout_64(doc):
    return render(doc, "page")

def layout_65(doc):
    return render(doc, "page")

def layout_66(doc):
    return render(doc, "page")

def layout_67(doc):
    return render(doc, "page")

def layout_68(doc):
    return render(doc, "page")

def layout_69(doc):
    return render(doc, "page")

def layout_70(doc):
    return render(doc, "page")

def layout_71(doc):
    return render(doc, "page")

def layout_72(doc):
    return render(doc, "page")

def layout_73(doc):
    return render(doc, "page")

def layout_74(doc):
    return render(doc, "page")

def layout_75(doc):
    return render(doc, "page")

def layout_76(doc):
    return render(doc, "page")

def layout_77(doc):
    return render(doc, "page")

def layout_78(doc):
    return render(doc, "page")

def layout_79(doc):
    return render(doc, "page")

def layout_80(doc):
    return render(doc, "page")

def layout_81(doc):
    return render(doc, "page")

def layout_82(doc):
    return render(doc, "page")

def layout_83(doc):
    return render(doc, "page")

def layout_84(doc):
    return render(doc, "page")

def layout_85(doc):
    return render(doc, "page")

def layout_86(doc):
    return render(doc, "page")

def layout_87(doc):
    return render(doc, "page")

def layout_88(doc):
    return render(doc, "page")

def layout_89(doc):
    return render(doc, "page")

def layout_90(doc):
    return render(doc, "page")

def layout_91(doc):
    return render(doc, "page")

def layout_92(doc):
    return render(doc, "page")

def layout_93(doc):
    return render(doc, "page")

def layout_94(doc):
    return render(doc, "page")

def layout_95(doc):
    return render(doc, "page")

def layout_96(doc):
    return render(doc, "page")

def layout_97(doc):
    return render(doc, "page")

def layout_98(doc):
    return render(doc, "page")

def layout_99(doc):
    return render(doc, "page")

def layout_100(doc):
    return render(doc, "page")

def layout_101(doc):
    return render(doc, "page")

def layout_102(doc):
    return render(doc, "page")

def layout_103(doc):
    return render(doc, "page")

def layout_104(doc):
    return render(doc, "page")

def layout_105(doc):
    return render(doc, "page")

def layout_106(doc):
    return render(doc, "page")

def layout_107(doc):
    return render(doc, "page")
