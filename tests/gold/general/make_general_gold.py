"""Writes tests/gold/general/{dev,heldout}/*.jsonl from the hand annotations below.

Annotated by hand from reading texts/*.txt only; the engine was never run on these texts.
Each annotation: A(span_text, value, unit, kind, measured, year, qualifier, status, value_high).
Annotations are listed in text order; each span is searched from the start of the previous
one, on token boundaries, so repeated strings resolve to the next occurrence.
Run: .venv/bin/python tests/gold/general/make_general_gold.py
"""
import csv
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"


def A(text, value, unit, kind="level", measured="", year=None, q="exact", status="actual", vh=None, flag=None):
    return dict(text=text, value=value, unit=unit, kind=kind, measured=measured, year=year,
                qualifier=q, status=status, value_high=vh, flag=flag)


yd, cnt, pct = "yd", "count", "percent"
G = {}
G["G01"] = [
    A("327 yards", 327, yd, measured="passing yards", year="2013"),
    A("three", 3, cnt, measured="touchdown passes", year="2013"),
    A("27", 27, yd, measured="pass completion length", year="2013"),
    A("23", 23, yd, measured="pass completion length", year="2013"),
    A("45 yards", 45, yd, measured="pass completion length", year="2013"),
    A("six", 6, cnt, measured="plays in scoring drive", year="2013"),
    A("74-yard", 74, yd, measured="scoring drive length", year="2013"),
    A("29-yard", 29, yd, measured="touchdown pass length", year="2013"),
    A("300-yard", 300, yd, measured="passing yards in a game (threshold)", year="2013"),
    A("325-yard", 325, yd, measured="passing yards against Miami", year="2013"),
    A("three", 3, cnt, measured="touchdown passes in a game", year="2013", q="more_than"),
    A("35", 35, cnt, measured="single-season touchdown passes", year="2013"),
    A("33", 33, cnt, measured="previous single-season touchdown pass record", year="2000"),
    A("12", 12, cnt, measured="touchdown receptions", year="2013"),
    A("6-foot-5", 77, "inch", measured="player height"),
    A("234 pounds", 234, "lb", measured="player weight"),
    A("4.52 seconds", 4.52, "second", measured="40-yard dash time"),
]
G["G02"] = [
    A("1.7%", 1.7, pct, "change_pct", "Brent crude price fall", "2018"),
    A("US$74.25 per barrel", 74.25, "USD/bbl", measured="Brent crude price", year="2018"),
    A("$80 a barrel", 80, "USD/bbl", measured="oil price mark", year="2018"),
    A("1 million extra barrels per day", 1e6, "bbl/day", "change", "additional OPEC oil supply", "2018", q="approx", status="plan"),
]
G["G03"] = [
    A("35C", 35, "degC", measured="maximum temperature forecast", q="up_to", status="plan"),
    A("Two", 2, cnt, measured="water companies with hosepipe bans"),
    A("935,000", 935000, cnt, measured="customers affected by hosepipe ban"),
    A("35%", 35, pct, "share", "England rainfall as share of July average", "2022"),
    A("53%", 53, pct, "share", "Wales rainfall as share of July average", "2022"),
]
G["G04"] = [
    A("Rs 50,000", 50000, "INR", measured="smartphone price ceiling", year="2023", q="less_than"),
    A("50K", 50000, "INR", measured="smartphone price ceiling", year="2023", q="less_than"),
    A("Rs 50,000", 50000, "INR", measured="smartphone budget", year="2023"),
    A("Rs 50,000", 50000, "INR", measured="smartphone price ceiling", year="2023", q="less_than"),
    A("6.74-inch", 6.74, "inch", measured="display size"),
    A("120 Hz", 120, "Hz", measured="display refresh rate"),
    A("1450 nits", 1450, "nit", measured="peak display brightness", q="up_to"),
    A("16 GB", 16, "GB", measured="RAM"),
    A("256 GB", 256, "GB", measured="storage"),
    A("5000 mAh", 5000, "mAh", measured="battery capacity"),
    A("a day and a half", 1.5, "day", measured="battery life"),
    A("100W", 100, "W", measured="charger power"),
    A("25 minutes", 25, "minute", measured="full charging time"),
    A("Rs 44,999", 44999, "INR", measured="OnePlus 11R 5G price", year="2023"),
    A("16GB", 16, "GB", measured="RAM"),
    A("256GB", 256, "GB", measured="storage"),
]
Y = "JPY"
G["G05"] = [
    A("¥211.66 billion", 211.66e9, Y, measured="group operating profit April-June", year="2010"),
    A("¥194.86 billion", 194.86e9, Y, measured="group operating loss April-June", year="2009"),
    A("¥190.47 billion", 190.47e9, Y, measured="group net profit April-June", year="2010"),
    A("¥77.82 billion", 77.82e9, Y, measured="group net loss April-June", year="2009"),
    A("¥4.87 trillion", 4.87e12, Y, measured="sales April-June", year="2010"),
    A("27.0 percent", 27.0, pct, "change_pct", "sales growth", "2010"),
    A("¥270 billion", 270e9, Y, measured="group operating profit forecast, six months to September", year="2010", status="plan"),
    A("¥100 billion", 100e9, Y, measured="previous operating profit forecast, six months to September", year="2010", status="plan"),
    A("¥250 billion", 250e9, Y, measured="group net profit forecast, six months to September", year="2010", status="plan"),
    A("¥150 billion", 150e9, Y, measured="previous net profit forecast, six months to September", year="2010", status="plan"),
    A("¥330 billion", 330e9, Y, measured="full-year group operating profit forecast", year="2010", status="plan"),
    A("¥280 billion", 280e9, Y, measured="previous full-year operating profit forecast", year="2010", status="plan"),
    A("¥340 billion", 340e9, Y, measured="full-year net profit forecast", year="2010", status="plan"),
    A("¥310 billion", 310e9, Y, measured="previous full-year net profit forecast", year="2010", status="plan"),
]
G["G06"] = [
    A("$59,995", 59995, "USD", measured="Corvette base price"),
    A("$86,860", 86860, "USD", measured="test car sticker price"),
    A("6.2-liter", 6.2, "L", measured="engine displacement"),
    A("495 horsepower", 495, "hp", measured="engine power"),
    A("470 pound-feet", 470, "lbf*ft", measured="engine torque"),
    A("60 mph", 60, "mph", measured="acceleration benchmark speed"),
    A("2.9 seconds", 2.9, "second", measured="0-60 mph acceleration time"),
    A("$100,000", 100000, "USD", measured="Corvette price", q="less_than"),
]
D = "2006-2016"
G["G07"] = [
    A("almost a third", 33.33, pct, "change_pct", "growth in emergency admissions of babies and young children", D, q="approx"),
    A("14%", 14, pct, "change_pct", "growth in emergency admissions for under 25s", D),
    A("30%", 30, pct, "change_pct", "growth in emergency admissions of babies", D),
    A("990,903", 990903, cnt, measured="emergency hospital admissions for under 25s", year="2006-2007"),
    A("1,124,863", 1124863, cnt, measured="emergency hospital admissions for under 25s", year="2015-2016"),
    A("14%", 14, pct, "change_pct", "growth in emergency admissions for under 25s", D),
    A("20%", 20, pct, "change_pct", "growth in emergency admissions, whole population", D),
    A("30%", 30, pct, "change_pct", "growth in emergency admissions of babies under one", D),
    A("28%", 28, pct, "change_pct", "growth in emergency admissions of children under four", D),
]
G["G08"] = [
    A("100,000 barrel per day", 100000, "bbl/day", "change", "OPEC+ September production increase"),
    A("100,000 barrel per day", 100000, "bbl/day", "change", "OPEC+ September production increase"),
    A("28 million barrels per day", 28e6, "bbl/day", measured="OPEC oil production", q="approx"),
    A("13", 13, cnt, measured="OPEC member countries"),
    A("3 percent", 3, pct, "change_pct", "WTI crude price rise"),
    A("$90 per barrel", 90, "USD/bbl", measured="WTI crude price"),
    A("3 percent", 3, pct, "change_pct", "Brent crude price rise"),
    A("$96 per barrel", 96, "USD/bbl", measured="Brent crude price"),
    A("100,000 barrels per day", 100000, "bbl/day", "change", "OPEC September production increase"),
    A("$3.78", 3.78, "USD/gal", measured="US national average gasoline price"),
    A("$5 a gallon", 5, "USD/gal", measured="record US gasoline price"),
    A("$120", 120, "USD/bbl", measured="crude oil price high", q="approx"),
]
I = "INR"
G["G09"] = [
    A("7 per cent", 7, pct, "change_pct", "Granules India share price rise", "2024", q="approx"),
    A("three-fold", 3, "times", "multiplier", "net profit growth", "2024", q="approx"),
    A("Rs 135 crore", 1.35e9, I, measured="net profit, June quarter", year="2024"),
    A("6.73 per cent", 6.73, pct, "change_pct", "share price rise on BSE", "2024"),
    A("Rs 627.35", 627.35, I, measured="share price on BSE", year="2024"),
    A("6.39 per cent", 6.39, pct, "change_pct", "share price rise on NSE", "2024"),
    A("Rs 626.60", 626.60, I, measured="share price on NSE", year="2024"),
    A("Rs 631.15", 631.15, I, measured="52-week high share price on BSE", year="2024"),
    A("631.30", 631.30, I, measured="52-week high share price on NSE", year="2024"),
    A("30", 30, cnt, measured="shares in BSE Sensex"),
    A("207.46 points", 207.46, "points", "change", "BSE Sensex gain", "2024"),
    A("0.25 per cent", 0.25, pct, "change_pct", "BSE Sensex gain", "2024"),
    A("81,662.86", 81662.86, "points", measured="BSE Sensex level", year="2024"),
    A("72.80 points", 72.80, "points", "change", "NSE Nifty gain", "2024"),
    A("24,930.10", 24930.10, "points", measured="NSE Nifty level", year="2024"),
    A("three-fold", 3, "times", "multiplier", "profit after tax growth", "2024", q="approx"),
    A("Rs 135 crore", 1.35e9, I, measured="profit after tax, April-June quarter", year="2024"),
    A("Rs 48 crore", 4.8e8, I, measured="profit after tax, April-June quarter", year="2023"),
    A("Rs 1,180 crore", 1.18e10, I, measured="revenue from operations, April-June quarter", year="2024"),
    A("Rs 985 crore", 9.85e9, I, measured="revenue from operations, April-June quarter", year="2023"),
]
G["G10"] = [
    A("404 yards", 404, yd, measured="passing yards"),
    A("three", 3, cnt, measured="touchdown passes"),
    A("15,000", 15000, yd, measured="career passing yards milestone", q="more_than"),
    A("6 yards", 6, yd, measured="touchdown pass length"),
    A("5 yards", 5, yd, measured="touchdown pass length"),
    A("76 yards", 76, yd, measured="touchdown pass length"),
    A("three", 3, cnt, measured="rushing touchdowns"),
    A("11", 11, cnt, measured="catches"),
    A("125 yards", 125, yd, measured="receiving yards"),
    A("12-yard", 12, yd, measured="touchdown pass length"),
    A("58", 58, yd, measured="field goal length"),
    A("51 yards", 51, yd, measured="field goal length"),
    A("45 yards", 45, yd, measured="field goal length"),
    A("58,616", 58616, cnt, measured="announced crowd"),
    A("89 yards", 89, yd, measured="yards needed to reach career milestone"),
    A("15,000", 15000, yd, measured="career passing yards milestone"),
    A("22-yard", 22, yd, measured="pass completion length"),
    A("6 yards", 6, yd, measured="touchdown pass length"),
    A("eight", 8, cnt, measured="plays in scoring drive"),
    A("90-yard", 90, yd, measured="scoring drive length"),
    A("15,000", 15000, yd, measured="career passing yards", q="more_than"),
    A("15,779", 15779, yd, measured="Dillon Gabriel career passing yards"),
    A("53", 53, cnt, measured="games played by Dillon Gabriel"),
    A("three", 3, cnt, measured="schools Dillon Gabriel played for"),
    A("6,908 yards", 6908, yd, measured="passing yards at Incarnate Word"),
    A("6-foot-2", 74, "inch", measured="player height"),
    A("223-pound", 223, "lb", measured="player weight"),
    A("6,968 yards", 6968, yd, measured="passing yards at Washington State"),
    A("1,439 yards", 1439, yd, measured="passing yards in Miami's first four games"),
    A("four", 4, cnt, measured="consecutive 300-yard games"),
    A("300-yard", 300, yd, measured="passing yards in a game (threshold)"),
    A("15,315", 15315, yd, measured="career passing yards"),
]
G["G11"] = [
    A("4,475 US dollars per ounce", 4475, "USD/oz", measured="spot gold price", year="2026", q="approx"),
    A("78.9 US dollars per ounce", 78.9, "USD/oz", measured="silver price", year="2026", q="approx"),
    A("80-dollar", 80, "USD/oz", measured="silver record price level", year="2026"),
    A("13,300 US dollars per metric tonne", 13300, "USD/t", measured="copper price on LME", year="2026", q="approx"),
    A("6.06 US dollars per pound", 6.06, "USD/lb", measured="copper price per pound", year="2026", q="approx"),
    A("2,300", 2300, "USD/oz", measured="platinum price", year="2026", q="more_than"),
    A("1,700 US dollars per ounce", 1700, "USD/oz", measured="palladium price", year="2026", q="approx"),
    A("755 tonnes", 755, "t", measured="central bank gold purchases", year="2026", q="approx", status="plan"),
]
G["G12"] = [
    A("four per cent", 4, pct, "change_pct", "group revenue fall"),
    A("£20.1 billion", 20.1e9, "GBP", measured="group revenue"),
    A("20 per cent", 20, pct, "change_pct", "pre-tax profit increase"),
    A("£2.1 billion", 2.1e9, "GBP", measured="pre-tax profit"),
    A("£8.8 billion", 8.8e9, "GBP", measured="net debt"),
    A("£467 million", 467e6, "GBP", "change", "net debt reduction"),
    A("seven per cent", 7, pct, "change_pct", "full-year dividend increase", status="plan"),
    A("7.4 pence per share", 0.074, "GBP", measured="full-year dividend per share", status="plan"),
    A("trebled", 3, "times", "multiplier", "free cash flow growth over two years", q="approx"),
    A("10%", 10, pct, "change_pct", "BT Global Services order intake growth"),
    A("£7.3bn", 7.3e9, "GBP", measured="BT Global Services order intake"),
    A("80,000", 80000, cnt, measured="additional premises passed by super-fast broadband each week", q="approx"),
    A("double", 2, "times", "multiplier", "fibre-to-the-cabinet broadband speed increase", "2012", q="approx", status="plan"),
]
G["G13"] = [
    A("6.2-litre", 6.2, "L", measured="engine displacement"),
    A("369kW", 369, "kW", measured="engine power"),
    A("637Nm", 637, "N*m", measured="engine torque"),
    A("6.2-litre", 6.2, "L", measured="previous generation engine displacement"),
    A("343kW", 343, "kW", measured="previous generation engine power"),
    A("630Nm", 630, "N*m", measured="previous generation engine torque"),
    A("eight", 8, cnt, measured="transmission speeds"),
    A("three seconds", 3, "second", measured="0-100km/h acceleration time", q="less_than"),
    A("100km/h", 100, "km/h", measured="acceleration benchmark speed"),
    A("three seconds", 3, "second", measured="0-100km/h acceleration time", q="less_than"),
    A("3.7 seconds", 3.7, "second", measured="previous model 0-100km/h acceleration time", year="2018"),
    A("341km/h", 341, "km/h", measured="2019 model top speed", year="2019"),
    A("$60,000", 60000, "USD", measured="C8 Corvette base price", year="2019", q="less_than", status="plan"),
    A("R836,238", 836238, "ZAR", measured="C8 Corvette base price", year="2019", q="approx", status="plan"),
    A("$60,000", 60000, "USD", measured="C8 Corvette base price", year="2019", q="less_than", status="plan"),
    A("$55,900", 55900, "USD", measured="previous generation starting price"),
    A("R779,095", 779095, "ZAR", measured="previous generation starting price"),
]
P = "plan"
G["G14"] = [
    A("17F", 17, "degF", measured="high temperature", status=P),
    A("25", 25, "mph", measured="wind speed", status=P),
    A("40 mph", 40, "mph", measured="wind speed", status=P),
    A("90%", 90, pct, "share", "chance of snow", status=P),
    A("1", 1, "inch", measured="snowfall", status=P),
    A("3 inches", 3, "inch", measured="snowfall", status=P),
    A("0F", 0, "degF", measured="low temperature", q="approx", status=P),
    A("15", 15, "mph", measured="wind speed", status=P),
    A("25 mph", 25, "mph", measured="wind speed", status=P),
    A("16F", 16, "degF", measured="high temperature", status=P),
    A("10", 10, "mph", measured="wind speed", status=P),
    A("15 mph", 15, "mph", measured="wind speed", status=P),
]
G["G15"] = [
    A("one in 10", 10, pct, "share", "share missing out on lifesaving vaccines", "2018", q="more_than"),
    A("63", 63, cnt, measured="measles cases", year="2017"),
    A("822", 822, cnt, measured="measles cases", year="2018"),
    A("97 percent", 97, pct, "share", "first-dose measles vaccination coverage", "2016"),
    A("90 percent", 90, pct, "share", "first-dose measles vaccination coverage", "2017-2018"),
    A("32 percent", 32, pct, "share", "second-dose measles vaccination coverage", "2015"),
    A("42 percent", 42, pct, "share", "second-dose measles vaccination coverage", "2018"),
    A("two", 2, cnt, measured="measles vaccine doses"),
    A("85 percent", 85, pct, "share", "global first-dose measles vaccine coverage"),
    A("95 percent", 95, pct, "share", "vaccine coverage needed to prevent outbreaks"),
]
S = "2017"
G["G16"] = [
    A("five", 5, cnt, measured="touchdown passes", year=S),
    A("23", 23, cnt, measured="pass completions", year=S),
    A("32", 32, cnt, measured="pass attempts", year=S),
    A("497 yards", 497, yd, measured="passing yards", year=S),
    A("five", 5, cnt, measured="touchdown passes", year=S),
    A("216", 216, cnt, measured="consecutive passes without an interception"),
    A("seven", 7, cnt, measured="catches", year=S),
    A("162 yards", 162, yd, measured="receiving yards", year=S),
    A("three", 3, cnt, measured="touchdown catches", year=S),
    A("124 yards", 124, yd, measured="receiving yards", year=S),
    A("109", 109, yd, measured="receiving yards", year=S),
    A("100", 100, yd, measured="receiving yards", year=S),
    A("100-yard", 100, yd, measured="receiving yards mark", year=S),
    A("four", 4, cnt, measured="100-yard receivers in one game", year=S),
    A("100-yard", 100, yd, measured="receiving yards mark", year=S),
    A("13", 13, cnt, measured="pass completions", year=S),
    A("25", 25, cnt, measured="pass attempts", year=S),
    A("228 yards", 228, yd, measured="passing yards", year=S),
    A("two", 2, cnt, measured="interceptions thrown", year=S),
    A("176 yards", 176, yd, measured="rushing yards", year=S),
    A("50", 50, yd, measured="touchdown run length", year=S),
    A("65 yards", 65, yd, measured="touchdown run length", year=S),
    A("12", 12, cnt, measured="pass completions", year=S),
    A("34", 34, cnt, measured="pass attempts", year=S),
    A("263 yards", 263, yd, measured="passing yards", year=S),
    A("three", 3, cnt, measured="touchdown passes", year=S),
    A("three", 3, cnt, measured="interceptions thrown", year=S),
    A("four", 4, cnt, measured="opening losses of 1999 Baylor team", year="1999"),
    A("372 yards", 372, yd, measured="passing yards", year=S),
    A("five", 5, cnt, measured="touchdown passes", year=S),
    A("three", 3, cnt, measured="touchdown passes to Cam Phillips", year=S),
]
H = "HKD"
G["G17"] = [
    A("HK$37.5 million", 37.5e6, H, measured="revenue, first half", year="2025"),
    A("HK$36.2 million", 36.2e6, H, measured="revenue, first half", year="2024"),
    A("HK$221 million", 221e6, H, measured="segment revenue, first half", year="2025"),
    A("HK$211 million", 211e6, H, measured="segment revenue, first half", year="2024"),
    A("HK$202.1 million", 202.1e6, H, measured="profit before tax, first half", year="2025"),
    A("HK$419.0 million", 419.0e6, H, measured="loss before tax, first half", year="2024"),
    A("HK$199.5 million", 199.5e6, H, measured="net profit attributable to equity holders, first half", year="2025"),
    A("HK$421.6 million", 421.6e6, H, measured="net loss attributable to equity holders, first half", year="2024"),
    A("HK 10.0 cents", 0.10, H, measured="earnings per share", year="2025"),
    A("HK 21.1 cents", 0.211, H, measured="loss per share", year="2024"),
    A("HK$31.2 million", 31.2e6, H, measured="interest income from loans and advances", year="2025"),
    A("HK$31.1 million", 31.1e6, H, measured="interest income from loans and advances", year="2024"),
    A("HK$1.2 million", 1.2e6, H, measured="net other gains", year="2025"),
    A("HK$0.3 million", 0.3e6, H, measured="net other losses", year="2024"),
    A("HK$189.1 million", 189.1e6, H, measured="share of results from joint ventures", year="2025"),
    A("HK$432.7 million", 432.7e6, H, measured="share of loss from joint ventures", year="2024"),
    A("HK$15.5 million", 15.5e6, H, measured="administrative and other operating expenses", year="2025"),
    A("HK$16.2 million", 16.2e6, H, measured="administrative and other operating expenses", year="2024"),
]
G["G18"] = [
    A("Rs 50,000", 50000, I, measured="smartphone price ceiling", year="2021", q="less_than"),
    A("Rs 50,000", 50000, I, measured="flagship smartphone price point", year="2021"),
    A("Rs 50,000", 50000, I, measured="smartphone budget", year="2021"),
    A("five", 5, cnt, measured="phones recommended"),
    A("Rs 46,990", 46990, I, measured="vivo X70 Pro 5G price", year="2021"),
    A("Rs 50,000", 50000, I, measured="smartphone price segment ceiling", year="2021", q="less_than"),
    A("7.99 mm", 7.99, "mm", measured="phone thickness"),
    A("183 grammes", 183, "g", measured="phone weight"),
    A("6.56 inch", 6.56, "inch", measured="display size"),
    A("120 Hz", 120, "Hz", measured="display refresh rate"),
]

PL = "plan"
G["G19"] = [
    A("32,400 km/h", 32400, "km/h", measured="asteroid speed at flyby", year="2018", q="approx", status=PL),
    A("70", 70, "m", measured="asteroid diameter", year="2018", q="approx"),
    A("160 metres", 160, "m", measured="asteroid diameter", year="2018", q="approx"),
    A("4.8 million kilometres", 4.8e6, "km", measured="asteroid flyby distance from Earth", year="2018", q="approx", status=PL),
    A("2000", 2000, cnt, measured="hazardous asteroids monitored", year="2018", q="approx"),
    A("a century", 100, "years", measured="period with no asteroid collision due", year="2018", q="more_than"),
    A("5 million miles", 5e6, "mi", measured="distance threshold for potentially hazardous asteroid", q="up_to"),
    A("8 million kilometres", 8e6, "km", measured="distance threshold for potentially hazardous asteroid", q="up_to"),
    A("38", 38, "m", measured="smaller asteroid diameter", year="2018", q="approx"),
    A("86 metres", 86, "m", measured="smaller asteroid diameter", year="2018", q="approx"),
]
G["G20"] = [
    A("150", 150, "m", measured="asteroid diameter"),
    A("330 metres", 330, "m", measured="asteroid diameter"),
    A("4.5 million miles", 4.5e6, "mi", measured="asteroid flyby distance from Earth", q="approx", status=PL),
    A("7.24 million km", 7.24e6, "km", measured="asteroid flyby distance from Earth", q="approx", status=PL),
    A("19 times", 19, "times", "multiplier", "flyby distance relative to Earth-Moon distance", q="approx"),
    A("40,000 mph", 40000, "mph", measured="asteroid speed", q="approx", status=PL),
    A("64,373 km/h", 64373, "km/h", measured="asteroid speed", q="approx", status=PL),
    A("20 times", 20, "times", "multiplier", "asteroid speed relative to a rifle bullet"),
    A("150", 150, "m", measured="asteroid diameter"),
    A("330 metres", 330, "m", measured="asteroid diameter", q="approx"),
    A("three", 3, cnt, measured="NFL fields equal to asteroid size", q="approx"),
]


def find(text, span, pos):
    pat = re.escape(span)
    if span[0].isalnum():
        pat = r"(?<![\w.])" + pat
    if span[-1].isalnum():
        pat = pat + r"(?![\w])" if span[-1].isalpha() else pat + r"(?![\d])(?!,\d)(?!\.\d)"
    m = re.compile(pat).search(text, pos)
    if not m:
        raise ValueError(f"{span!r} not found after {pos}")
    return m.start(), m.end()


def split_of(n):
    return "heldout" if n % 3 == 2 else "dev"


def build():
    out = {"dev": [], "heldout": []}
    for name, anns in G.items():
        fname = f"{name}.txt"
        text = (TEXTS / fname).read_text(encoding="utf-8")
        pos = 0
        for a in anns:
            s, e = find(text, a["text"], pos)
            pos = s + 1
            rec = {"file": fname, "start": s, "end": e, "text": text[s:e], "value": a["value"],
                   "value_high": a["value_high"], "unit": a["unit"], "kind": a["kind"],
                   "qualifier": a["qualifier"], "measured": a["measured"], "year": a["year"],
                   "status": a["status"]}
            if isinstance(rec["value"], float) and rec["value"].is_integer() and abs(rec["value"]) >= 1:
                rec["value"] = int(rec["value"])
            if a["flag"]:
                rec["flag"] = a["flag"]
            out[split_of(int(name[1:]))].append(rec)
    for split, recs in out.items():
        d = HERE / split
        d.mkdir(exist_ok=True)
        for old in d.glob("*.jsonl"):
            old.unlink()
        with open(d / "gold.jsonl", "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        (d / "corpus.txt").write_text(
            "# The texts this gold annotates, relative to this folder (read by extractor eval).\n../texts\n",
            encoding="utf-8")
    return out


if __name__ == "__main__":
    out = build()
    for k, v in out.items():
        print(k, len({r["file"] for r in v}), "articles", len(v), "figures")
