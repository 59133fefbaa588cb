#!/usr/bin/env python3
"""Writes the intake test fixtures: CSVs here, converted to .xlsx/.xls by LibreOffice (soffice) so the
workbooks are real third-party files. Run from this folder: python3 make-fixtures.py"""
import os, shutil, subprocess, tempfile

ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def code(n, bad=False):
    body = "91420100MA4" + ("%06d" % n).translate(str.maketrans("0123456789", "ABCDEFGHJK"))
    s = sum(ALPHA.index(c) * w for c, w in zip(body, W))
    check = ALPHA[(31 - s % 31) % 31]
    if bad:
        check = ALPHA[(ALPHA.index(check) + 1) % 31]
    return body + check

def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)

def write_csv(path, rows, encoding, bom=False):
    with open(path, "w", encoding=encoding, newline="") as f:
        if bom:
            f.write("\ufeff")
        for row in rows:
            f.write(",".join(row) + "\r\n")

def soffice(csv_path, fmt, out_name):
    tmp = tempfile.mkdtemp()
    filt = 'CSV:44,34,76,1'
    subprocess.run(["soffice", "--headless", "--infilter=" + filt, "--convert-to", fmt, "--outdir", tmp, csv_path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    produced = os.path.join(tmp, os.path.splitext(os.path.basename(csv_path))[0] + "." + fmt.split(":")[0])
    shutil.move(produced, out_name)
    shutil.rmtree(tmp)

# market: GB18030 CSV, 10 data rows: 7 staged (one of them twice, exactly), 3 rejected
market_header = "统一社会信用代码,企业名称,法定代表人,企业类型,登记状态,成立日期,注册资本(万元),行业代码,登记机关,住所,所属区划代码,列入经营异常名录,列入严重违法失信名单".split(",")
market = [market_header,
    [code(1), "武汉光谷精密（湖北）有限公司", "张三", "有限责任公司", "存续", "2015-03-01", "\"1,200\"", "C3670", "武汉市市场监督管理局", "武汉市洪山区", "420111", "否", "否"],
    [fullwidth(code(2)) + "\u3000", "襄阳汽配有限公司\u3000", "李四", "有限责任公司", "在业", "2018/7/9", "500", "C3660", "襄阳市市场监督管理局", "\"襄阳市高新区,二号路\"", "420606", "是", "否"],
    [code(3), "宜昌化工股份有限公司", "王五", "股份有限公司", "吊销", "2010年12月31日", "3.5E3", "C2614", "宜昌市市场监督管理局", "宜昌市", "420502", "否", "是"],
    [code(4, bad=True), "校验位错误有限公司", "赵六", "有限责任公司", "存续", "2019-01-01", "100", "C3411", "武汉市市场监督管理局", "武汉市", "420102", "否", "否"],
    ["", "缺少代码有限公司", "钱七", "有限责任公司", "存续", "2019-01-01", "100", "C3411", "武汉市市场监督管理局", "武汉市", "420102", "否", "否"],
    [code(5), "日期错误有限公司", "孙八", "有限责任公司", "存续", "2019-13-45", "100", "C3411", "武汉市市场监督管理局", "武汉市", "420102", "否", "否"],
    [code(6), "荆州电机有限公司", "周九", "有限责任公司", "开业", "43831", "80", "C3811", "荆州市市场监督管理局", "\"荆州市\n沙市区\"", "421002", "否", "否"],
    [code(7), "黄石模具有限公司", "吴十", "有限责任公司", "在册", "2001-05-20", "60", "C3525", "黄石市市场监督管理局", "黄石市", "420202", "否", "否"],
    [code(7), "黄石模具有限公司", "吴十", "有限责任公司", "在册", "2001-05-20", "60", "C3525", "黄石市市场监督管理局", "黄石市", "420202", "否", "否"],
    [code(8), "十堰车桥有限公司", "郑一", "有限责任公司", "存续", "2012-08-08", "2000", "C3670", "十堰市市场监督管理局", "十堰市", "420302", "否", "否"],
    [""] * 13,
] + [[code(100 + i), "填充企业%d有限公司" % i, "某人", "有限责任公司", "存续", "2016-06-01", "100", "C3411", "武汉市市场监督管理局", "武汉市", "420102", "否", "否"] for i in range(100)]
write_csv("market-2026-11-26.csv", market, "gb18030")
# the same content as UTF-8 with BOM, another day
write_csv("market-2026-11-27-bom.csv", market, "utf-8", bom=True)

# tax: title row, blank row, header in 万元; LibreOffice xlsx with sheet 2025年度
tax_header = "纳税人识别号,纳税人名称,所属年度,营业收入(万元),主营业务收入(万元),研发费用(万元),资产总额(万元),负债总额(万元),纳税总额(万元),纳税信用级别".split(",")
tax = [["湖北省税务局 2025年度企业纳税及财务信息"], [""], tax_header,
    [code(1), "武汉光谷精密(湖北)有限公司", "2025", "12000", "11000", "800", "20000", "9000", "600", "A"],
    [code(2), "襄阳汽配有限公司", "2025年", "\"5,000.5\"", "4800", "300", "7000", "3000", "200", "B"],
    [code(3), "宜昌化工股份有限公司", "2025", "30000", "20000", "50000", "40000", "10000", "1500", "C"],
    [code(6), "荆州电机有限公司", "2025", "-5", "0", "0", "100", "50", "1", "M"],
    [code(7), "黄石模具有限公司", "2025", "900", "800", "60", "1000", "400", "30", "X"],
    [code(8), "十堰车桥有限公司", "2025", "4000", "3900", "200", "5000", "2000", "100", "A"],
    [code(8), "十堰车桥有限公司", "2025", "4100", "3900", "200", "5000", "2000", "100", "A"],
] + [[code(100 + i), "填充企业%d有限公司" % i, "2025", "1000", "900", "50", "2000", "800", "40", "B"] for i in range(100)]
write_csv("2025年度.csv", tax, "utf-8")
soffice("2025年度.csv", "xlsx", "tax-2025.xlsx")
os.remove("2025年度.csv")

# science: legacy .xls by LibreOffice
sci_header = "统一社会信用代码,企业名称,高新技术企业证书编号,高企发证日期,高企有效期至,科技型中小企业入库编号,I类知识产权数,发明专利数,研发人员数,职工总数,省级及以上研发机构".split(",")
sci = [sci_header,
    [code(1), "武汉光谷精密（湖北）有限公司", "GR202342000123", "2023-12-08", "2026-12-07", "202342010100001", "5", "3", "40", "200", "是"],
    [code(2), "襄阳汽配有限公司", "", "", "", "202342060100002", "1", "0", "10", "80", "否"],
    [code(3), "宜昌化工股份有限公司", "GR202242000456", "2022/11/2", "2025/11/1", "", "two", "1", "30", "300", "否"],
    [code(8), "十堰车桥有限公司", "GR202442000789", "2024年10月20日", "2027年10月19日", "", "2", "2", "20", "40", "是"],
] + [[code(100 + i), "填充企业%d有限公司" % i, "", "", "", "", "0", "0", "5", "50", "否"] for i in range(100)]
write_csv("science.csv", sci, "utf-8")
soffice("science.csv", "xls:MS Excel 97", "science-2026-11-26.xls")
os.remove("science.csv")

# finance: xlsx by LibreOffice, years 2023 and 2024
fin_header = "统一社会信用代码,企业名称,年度,上市状态,股票代码,股权融资额(万元)".split(",")
fin = [fin_header,
    [code(1), "武汉光谷精密（湖北）有限公司", "2023", "上市", "688001", "3000"],
    [code(1), "武汉光谷精密（湖北）有限公司", "2024", "上市", "688001", "0"],
    [code(2), "襄阳汽配有限公司", "2024", "辅导备案", "", "800"],
    [code(3), "宜昌化工股份有限公司", "2024", "主板", "600001", "100"],
] + [[code(100 + i), "填充企业%d有限公司" % i, "2024", "未上市", "", "0"] for i in range(100)]
write_csv("finance.csv", fin, "utf-8")
soffice("finance.csv", "xlsx", "finance-2026-11-26.xlsx")
os.remove("finance.csv")

# registry: xlsx by LibreOffice, with the 单位名称 alias
reg_header = "统一社会信用代码,单位名称,梯度层级,级别,认定年度,批次,有效期至,所属市州,主导产品".split(",")
reg = [reg_header,
    [code(1), "武汉光谷精密（湖北）有限公司", "专精特新“小巨人”企业", "国家级", "2023", "第五批", "2026-07-01", "武汉市", "激光器"],
    [code(2), "襄阳汽配有限公司", "专精特新中小企业", "省级", "2024", "2024年第一批", "2027-03-31", "襄阳", "制动器"],
    [code(8), "十堰车桥有限公司", "单项冠军", "省级", "2022", "第三批", "2025-12-31", "420300", "车桥"],
    [code(3), "宜昌化工股份有限公司", "", "省级", "2022", "第三批", "2025-12-31", "宜昌", "化肥"],
] + [[code(100 + i), "填充企业%d有限公司" % i, "创新型中小企业", "省级", "2024", "第一批", "2027-06-30", "荆门市", "零件"] for i in range(100)]
write_csv("registry.csv", reg, "utf-8")
soffice("registry.csv", "xlsx", "registry-2026-11-26.xlsx")
os.remove("registry.csv")

# exchange database rows (CONTRACTS.md format): fiscal year 2025
with open("exchange/finance_equity.csv", "w", encoding="utf-8", newline="") as f:
    f.write("uscc,name,fiscal_year,listing_status,stock_code,equity_financing_wan,updated_at\n")
    f.write(f"{code(1)},武汉光谷精密（湖北）有限公司,2025,上市,688001,1500,2026-01-15T10:00:00+08:00\n")
    f.write(f"{code(2)},襄阳汽配有限公司,2025,辅导备案,,200.5,2026-01-15T10:00:00+08:00\n")
    f.write(f"{code(9, bad=True)},坏代码有限公司,2025,未上市,,0,2026-01-15T10:00:00+08:00\n")
    for i in range(60):
        f.write(f"{code(100 + i)},填充企业{i}有限公司,2025,未上市,,0,2026-01-15T10:00:00+08:00\n")
