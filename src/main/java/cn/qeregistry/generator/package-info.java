/**
 * The synthetic province ({@code generate --out=DIR [--enterprises=N] [--seed=S] [--as-of=D]}):
 * a seeded stand-in for the five departments' deliveries, with known defects and the ground truth.
 *
 * <p>Layout of DIR (Y = D.year - 1):
 * <pre>
 * inbox/market/market-D.csv        GB18030, CRLF, one row per firm (+ a few exact repeats, blank lines)
 * inbox/tax/tax-{Y-2,Y-1,Y}.xlsx   title row (Y-1: and a blank row) above the header; one year in 元,
 *                                  the others in 万元; the Y-2 file uses the aliases 单位名称 / 年份;
 *                                  sheets "YYYY年度", "YYYY年度(2)"… at the row limit
 * inbox/science/science-D.xls      BIFF8 when ≤ 65,535 data rows, else science-D.xlsx; 社会信用代码 alias
 * inbox/finance/finance-D.xlsx     fiscal years Y-2 and Y-1; aliases 统一代码 / 年份
 * inbox/registry/registry-D.xlsx   one row per (firm, tier) holding
 * exchange/finance_equity.csv      UTF-8, fiscal year Y: the rows of the exchange.finance_equity table
 * truth/expected-review.csv        uscc,tier,level,rule_id,outcome — every registered holder × applicable rule
 * truth/expected-exceptions.csv    uscc,category,feed — one line per distinct expected exception
 * truth/expected-rejects.csv       feed,file,sheet,row_no,column,defect — one line per rejected or DUPLICATE row
 * </pre>
 *
 * <p>Firm i is made from (seed, i) alone ({@link cn.qeregistry.generator.FirmFactory}), so the files
 * are written in one streaming pass and the same seed and as-of date give the same bytes. Defects
 * ({@link cn.qeregistry.generator.Defect}, rates in {@link cn.qeregistry.generator.DefectRates}) go
 * to firms without a tier; holders only get deliberate data gaps. The review truth comes from
 * {@link cn.qeregistry.generator.TruthReview}, an independent oracle of the rule set miit-2022.
 */
package cn.qeregistry.generator;
