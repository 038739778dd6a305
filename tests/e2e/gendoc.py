#!/usr/bin/env python3
"""Random valid vanban documents, seeded and reproducible.

usage: gendoc.py [--seed N] [--count K] [--out DIR] [--prefix rnd]

Writes DIR/<prefix>-<seed>.xml for seeds N .. N+K-1. Each seed gives the
same document on every machine (Python's `random.Random(seed)` is stable
across versions for the calls used here). The documents exercise every kind
of block: random section trees (down to level 7), paragraphs from one word
to several pages, long unbreakable words, symbol numbers (05-CT/TW,
98/2023/NĐ-CP), bold and italic runs, footnotes (short and long), forced
line breaks, target/dash/plus/numbered lists, phases, parts, tables with
random column widths, alignments, groups, headers and borders, recipients
(up to 80), drafters, signatures, covenant parties and appendices
(portrait and landscape). Python 3 standard library only.
"""
import argparse
import os
import random
from xml.sax.saxutils import escape

VOCAB = """
    đua thi các của và năm động hội xã hiện chức vụ thực nhiệm thành công phong trong tỉnh trào phát
    ngày dân chính kết thể triển cơ khen quan bộ tiêu người nước nhân số vị thưởng có với tác về cao văn
    tục hoàn đơn tạo tổ việc quả tập mới hiệu hành cấp tế chỉ trị toàn phòng dựng thị hóa lao hình yêu
    xây khai được thôn đạt theo viên tích tháng niệm mạnh hoạch chất đạo tiến lượng đồng xuất là ban vực
    tư trọng lĩnh nâng làm chế bảo đầu cho đoàn thời thắng hợp để đổi đúng trên tiên quyết lập gia địa
    tốt tiếp quy khối định thống lệ cán chủ ứng đề tâm tham sáng lợi giao cường đối tịch sắc hộ cách
    điểm quốc kinh dung đảm trình sách rõ nhất ngành trung phải những kịp giải dịch đẩy tinh thần sơ nội
    nghèo nghiệp cá đến điển tổng truyền nhà nghị mừng tăng quyền học an điều tưởng kiện hoạt chào
    chuyên đấu xét sống phấn khó cực đời phương lực kỷ kế hưởng bình đất thứ sở rộng phối lớn gắn diện
    cầu bản đại đào vượt thao sự pháp ngoài huy binh đủ đợt đoạn vào từng tộc tại tướng trách sức phủ
    môn giai danh cải chăm tháo nghiện mục hướng gỡ dụng cụ bệnh đội độ trợ thông sản nguồn ký hạn huyện
    hiểm gương chương chuẩn bằng biểu đô vai trò triệt sỹ ra quán phóng hệ dẫn chống chấm ước đầy tự
    tượng sóc sinh phục lễ không giảm giáo cứ bị bàn đức xóa vững tỷ tạm túy trực trưởng thiện phần nông
    nghệ ma lịch lan dưỡng cáo chí báo đình đây tới tuổi tuyên trì tra thiết sát mức kỳ khăn khánh hương
    dục ủy ương đứng đảng đó đáp ái vùng tặng tình trẻ thức thuộc thiểu soát qua phố ninh nghĩa nghiêm
    mô miền minh lý lãnh luật hoá góp gian dột du cai bồi biệt đốc án trước trương thương sâu nát niên
    ngũ mặt mạng mại lần kiểm khởi hàng giữa dịp dõi chung ở ảnh đặc đích đã xúc vấn tố tỏa toán thủ thế
    thắt thúc sứ quảng quê quân phổ năng nút nhận nghề mỗi mưu luận liên kê khoa em do cụm cộng chuyển
    chiến cam bá biến đột đôn điện y vướng vì tử từ tầng trật trấn trường thăm thân phí phân mắc lên
    khỏe hạ giới giám giá đều đói xử xếp vệ vươn vinh tồn túc tôn trồng toả tin thất thuận tai sớm sắp
    quần quản phường phù nữa nối nạn núi nêu này nhằm ngắn nguy ngoại nghẽn nay mẽ mẫu lo khắc khơi khí
    hồ hằng hơn hoặc gọi giường dự dậy dương duy doanh củng cố cận cả cư cây càng chứng chúng chú bảng
    bào ơn đăng yếu xác vật tệ tầm triệu tiết thu thiệu thiếu thiên thanh tay sửa quá phận nếu như ngân
    lãng kiến khi hỗ hòa cờ cương còn cuối chi bền đỏ đền đẹp đẳng đưa đón đòi đánh đa ý ít vận vũ vui
    uỷ tốc tắt tật tạp tươi tính tám tài tuyển tuyến trí tranh tiễn thẻ thảo thiệt thay sử sôi rà quý
    phức phụng phụ phía nổi nền nói nào nhập nhũng ngọn nguyện ngay một máy lụt lục lời lối lề lại lượt
    lưu lũ lôi lòng liệu kêu kèm kiệm kiểu khắp khẩu khả khác khuyết khu hồi
""".split()

SYMBOLS = ["05-CT/TW", "98/2023/NĐ-CP", "34-CT/TW", "01-KL/TW", "19/CT-TTg", "1010/HD-UBND", "06/QĐ-TTg",
           "91/2017/NĐ-CP", "KH-UBND", "12/2019/TT-BNV", "152/KH-UBND", "30/2020/NĐ-CP", "2021-2025",
           "15/5/2016", "07/4/2014", "18-NQ/TW", "268/QĐ-SLĐTBXH", "25/2023/QH15"]
PLACES = ["Bắc Giang", "Hà Tĩnh", "Trí Yên", "Yên Dũng", "Bắc Ninh", "Thanh Hóa", "Lạng Sơn", "Quảng Ninh",
          "Nghệ An", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Đắk Lắk"]
UNITS = ["TỈNH", "HUYỆN", "XÃ", "THÀNH PHỐ", "PHƯỜNG", "THỊ XÃ", "THỊ TRẤN", "QUẬN"]
BODIES = ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "SỞ NỘI VỤ",
          "BAN THI ĐUA - KHEN THƯỞNG", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
          "KHỐI THI ĐUA CÁC CƠ QUAN LĨNH VỰC VĂN HÓA, XÃ HỘI", "TRUNG TÂM Y TẾ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]
CODES = ["KH-UBND", "KH-SNV", "KH-KTĐ", "KH-SLĐTBXH", "KH-HĐTĐKT", "KH-BCĐ", "KH"]
ROLES = ["CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG KHỐI", "TRƯỞNG BAN",
         "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "CHÁNH VĂN PHÒNG"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng", "Phạm Quang Vinh", "Hoàng Thị Thu Hương",
         "Đỗ Minh Đức", "Vũ Ngọc Ánh", "Bùi Xuân Trường"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        self.fn_budget = self.r.choice([0, 2, 5, 10])
        self.covenant = False

    # ------------------------------------------------------------ text
    def words(self, n):
        r = self.r
        out = []
        for i in range(n):
            x = r.random()
            if x < 0.03:
                out.append(r.choice(SYMBOLS))
            elif x < 0.035:
                out.append(f"{r.randint(1, 99)},{r.randint(1, 9)}%")
            elif x < 0.04:
                out.append("“" + r.choice(VOCAB) + " " + r.choice(VOCAB) + "”")
            elif x < 0.045:
                out.append("-")  # a spaced dash: "kinh tế - xã hội"
            else:
                out.append(r.choice(VOCAB))
            if r.random() < 0.08 and i + 1 < n:
                out[-1] += r.choice([",", ",", ";", ".", ":"])
        if out and out[0] == "-":
            out[0] = "và"
        if out and out[-1] == "-":
            out[-1] = "xã"
        return out

    def long_word(self):
        r = self.r
        k = r.random()
        if k < 0.4:
            return "https://" + "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(20, 70))) + ".gov.vn"
        if k < 0.7:
            return "".join(r.choice(VOCAB) for _ in range(r.randint(6, 25)))
        return "-".join(r.choice(["KH", "UBND", "SNV", "TW", "CT", "NĐ", "CP"]) for _ in range(r.randint(5, 15)))

    def sentence_len(self):
        r = self.r
        x = r.random()
        if x < 0.15:
            return r.randint(1, 6)
        if x < 0.87:
            return r.randint(8, 70)
        if x < 0.99:
            return r.randint(70, 200)
        return r.randint(300, 700)

    def inline(self, n=None, fn=True, br=True, fmt=True, long=True):
        """Inline XML with n words (random when None)."""
        r = self.r
        n = self.sentence_len() if n is None else n
        ws = self.words(max(1, n))
        parts = []
        i = 0
        while i < len(ws):
            x = r.random()
            if fmt and x < 0.05 and i + 1 < len(ws):
                k = r.randint(1, min(6, len(ws) - i))
                tag = r.choice(["b", "i", "b", "i"])
                seg = " ".join(ws[i:i + k])
                if r.random() < 0.2:
                    parts.append(f"<b><i>{escape(seg)}</i></b>")
                else:
                    parts.append(f"<{tag}>{escape(seg)}</{tag}>")
                i += k
                continue
            w = escape(ws[i])
            if long and r.random() < 0.004:
                w = escape(self.long_word())
            if r.random() < 0.004:
                w += "<year/>" if r.random() < 0.5 else " năm <year/>"
            parts.append(w)
            if fn and self.fn_budget > 0 and r.random() < 0.01:
                self.fn_budget -= 1
                parts[-1] += f"<fn>{self.inline(self.fn_len(), fn=False, br=False)}</fn>"
            if br and r.random() < 0.004 and i + 1 < len(ws):
                parts[-1] += "<br/>"
                i += 1
                parts.append(escape(ws[i]))
            i += 1
        return " ".join(parts)

    def fn_len(self):
        r = self.r
        x = r.random()
        return r.randint(3, 30) if x < 0.7 else (r.randint(30, 150) if x < 0.95 else r.randint(300, 900))

    # ------------------------------------------------------------ blocks
    def p(self):
        return f"<p>{self.inline()}</p>"

    def bullets(self, depth=0):
        r = self.r
        mark = f' mark="{r.choice(["-", "+"])}"' if r.random() < 0.15 else ""
        items = []
        for _ in range(r.randint(1, 5)):
            sub = self.bullets(depth + 1) if depth < 2 and r.random() < 0.15 else ""
            items.append(f"<item>{self.inline()}{sub}</item>")
        return f"<bullets{mark}>{''.join(items)}</bullets>"

    def targets(self):
        r = self.r
        items = []
        for _ in range(r.randint(1, 6)):
            sub = self.bullets(1) if r.random() < 0.15 else ""
            items.append(f"<target>{self.inline()}{sub}</target>")
        return f"<targets>{''.join(items)}</targets>"

    def numbered(self):
        items = [f"<item>{self.inline()}</item>" for _ in range(self.r.randint(1, 6))]
        return f"<numbered>{''.join(items)}</numbered>"

    def cell(self, short):
        r = self.r
        if r.random() < 0.15:
            blocks = []
            for _ in range(r.randint(1, 3)):
                if r.random() < 0.5:
                    blocks.append(f"<p>{self.inline(r.randint(1, 25), br=False)}</p>")
                else:
                    items = "".join(f"<item>{self.inline(r.randint(1, 15), br=False)}</item>"
                                    for _ in range(r.randint(1, 3)))
                    blocks.append(f"<bullets>{items}</bullets>")
            return "".join(blocks)
        if r.random() < 0.1:
            return ""
        n = r.randint(1, 4) if short else (r.randint(1, 40) if r.random() < 0.97 else r.randint(80, 250))
        return self.inline(n, br=r.random() < 0.5, long=r.random() < 0.7)

    def table(self, landscape=False):
        r = self.r
        ncol = r.randint(1, 7 if landscape else 6)
        numbered = r.random() < 0.4 and ncol >= 2
        header = r.random() < 0.85
        borders = "none" if r.random() < 0.15 else "all"
        # Widths: random, but every column wide enough for text (vanban
        # rejects a column under 14 pt inside its 2 x 5.4 pt padding).
        text_w = 714.3 if landscape else 467.75
        for _ in range(50):
            ws = [round(r.uniform(0.3, 6), 1) if not (numbered and k == 0) else r.choice([0.5, 1, 1])
                  for k in range(ncol)]
            if min(ws) / sum(ws) * text_w >= 14 + 10.8 + 2:
                break
        else:
            ws = [1] * ncol
        cols = []
        for k in range(ncol):
            w = ws[k]
            align = r.choice(["left", "left", "center", "right", "justify"])
            label = escape(" ".join(self.words(r.randint(1, 4)))) if not (numbered and k == 0) else "STT"
            if header and r.random() < 0.05:
                label = self.inline(r.randint(20, 80), fn=False, br=False)
            cols.append(f'<col width="{w}" align="{align}">{label}</col>')
        rows = []
        for _ in range(r.randint(0, 8) if r.random() < 0.9 else r.randint(15, 30)):
            if numbered and r.random() < 0.12:
                rows.append(f"<group>{self.inline(r.randint(1, 12), fn=False, br=False)}</group>")
                continue
            cells = "".join(f"<cell>{self.cell(r.random() < 0.3)}</cell>"
                            for _ in range(ncol - (1 if numbered else 0)))
            if cells:
                rows.append(f"<row>{cells}</row>")
        attrs = f' borders="{borders}"'
        if numbered:
            attrs += ' numbered="true"'
        if not header:
            attrs += ' header="false"'
        return f"<table{attrs}>{''.join(cols)}{''.join(rows)}</table>"

    def section(self, depth):
        r = self.r
        if r.random() < 0.75:
            head = f"<title>{self.inline(r.randint(1, 14) if r.random() < 0.9 else r.randint(15, 40), fn=r.random() < 0.3, br=False)}</title>"
            if r.random() < 0.15:
                head += f"<lead>{self.inline(r.randint(3, 50), br=False)}</lead>"
        else:
            head = self.p()
        return f"<section>{head}{self.blocks(depth + 1)}</section>"

    def block(self, depth, landscape=False):
        r = self.r
        x = r.random()
        if x < 0.32:
            return self.p()
        if x < 0.52 and depth < 7:
            return self.section(depth)
        if x < 0.62:
            return self.bullets()
        if x < 0.68:
            return self.targets()
        if x < 0.72:
            return self.numbered()
        if x < 0.76:
            return f"<phase>{self.inline(r.randint(3, 25), br=False)}</phase>"
        if x < 0.86:
            return self.table(landscape)
        return self.p()

    def blocks(self, depth, landscape=False, lo=0, hi=None):
        r = self.r
        hi = hi if hi is not None else max(1, 5 - depth)
        return "".join(self.block(depth, landscape) for _ in range(r.randint(lo, hi)))

    # ------------------------------------------------------------ document
    def agency_name(self):
        r = self.r
        body = r.choice(BODIES)
        if body in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):
            unit = r.choice(UNITS)
            place = r.choice(PLACES).upper()
            return (body, f"{unit} {place}")
        if r.random() < 0.4:
            return (body, f"TỈNH {r.choice(PLACES).upper()}")
        return (body,)

    def header_lines(self, parts):
        r = self.r
        if len(parts) == 1 or r.random() < 0.5:
            return escape(" ".join(parts))  # no <br/>: the layout chooses the break
        return "<br/>".join(escape(p) for p in parts)

    def document(self):
        r = self.r
        self.covenant = r.random() < 0.2
        kind = "giao-uoc" if self.covenant else "ke-hoach"
        year = r.randint(2019, 2030)
        parent = self.agency_name() if r.random() < 0.8 else None
        agency = self.agency_name()
        short = ""
        if r.random() < 0.2:
            short = f' short="{escape(" ".join(agency).capitalize())}"'
        hdr = []
        if parent:
            hdr.append(f"<parent>{self.header_lines(parent)}</parent>")
        hdr.append(f"<agency{short}>{self.header_lines(agency)}</agency>")
        if not self.covenant:
            if r.random() < 0.8:
                hdr.append(f"<number>{r.choice(['', str(r.randint(1, 999))])}</number>")
            hdr.append(f"<code>{r.choice(CODES)}</code>")
        hdr.append(f"<place>{escape(r.choice(PLACES))}</place>")
        day = f' day="{r.randint(1, 28)}"' if r.random() < 0.8 else ""
        month = f' month="{r.randint(1, 12)}"' if r.random() < 0.9 else ""
        hdr.append(f"<date{day}{month}/>")
        subject = "<br/>".join(self.inline(r.randint(2, 20), fn=False, br=False, long=False)
                               for _ in range(r.choice([1, 1, 1, 2, 3])))
        opening = ""
        if r.random() < 0.8:
            op = [f"<basis>{self.inline(r.randint(5, 60), br=False)}</basis>" for _ in range(r.randint(0, 4))]
            op += [self.p() for _ in range(r.randint(0 if op else 1, 2))]
            opening = f"<opening>{''.join(op)}</opening>"
        size = r.random()
        if size < 0.5:
            body = self.blocks(1, lo=1, hi=3)
        elif size < 0.9:
            body = self.blocks(1, lo=2, hi=6)
        else:
            body = self.blocks(1, lo=5, hi=10)
        if r.random() < 0.1:
            body = "".join(f"<part><title>{self.inline(r.randint(2, 10), fn=False, br=False)}</title>"
                           f"{self.blocks(1, lo=1, hi=3)}</part>" for _ in range(r.randint(1, 3)))
        closing = ""
        if r.random() < 0.8:
            closing = f"<closing>{''.join(self.p() for _ in range(r.randint(1, 2)))}</closing>"
        ending = ""
        if not self.covenant:
            if r.random() < 0.9:
                x = r.random()
                n = r.randint(0, 6) if x < 0.6 else (r.randint(6, 30) if x < 0.9 else r.randint(30, 80))
                tos = "".join(f"<to>{self.inline(r.randint(1, 14), fn=False, br=False, fmt=False, long=False)}</to>"
                              for _ in range(n))
                arch = "<archive>VT</archive>" if r.random() < 0.9 else ""
                ending += f"<recipients>{tos}{arch}</recipients>"
            if r.random() < 0.2:
                ending += f"<drafter>{r.choice(['PL.(300)', 'TH.(05)', 'NVA.(120b)'])}</drafter>"
            prefix = f' prefix="{r.choice(["TM.", "KT.", "TL.", "TUQ.", "Q."])}"' if r.random() < 0.7 else ""
            auth = escape(r.choice(ROLES) if r.random() < 0.5 else " ".join(self.agency_name()))
            title = f"<title>{escape(r.choice(ROLES))}</title>" if r.random() < 0.7 else ""
            name = f"<name>{escape(r.choice(NAMES))}</name>" if r.random() < 0.9 else ""
            ending += f"<signature{prefix}><authority>{auth}</authority>{title}{name}</signature>"
        else:
            parties = []
            for _ in range(r.randint(1, 9)):
                unit = " ".join(self.words(r.randint(2, 9))).capitalize()
                if r.random() < 0.3:
                    w = unit.split(" ")
                    k = r.randint(1, len(w) - 1) if len(w) > 1 else 1
                    unit = escape(" ".join(w[:k])) + "<br/>" + escape(" ".join(w[k:]))
                else:
                    unit = escape(unit)
                title = f"<title>{escape(r.choice(ROLES))}</title>" if r.random() < 0.5 else ""
                name = f"<name>{escape(r.choice(NAMES))}</name>" if r.random() < 0.8 else ""
                parties.append(f"<party><unit>{unit}</unit>{title}{name}</party>")
            ending += f"<parties>{''.join(parties)}</parties>"
        appendices = ""
        for _ in range(r.choice([0, 0, 0, 1, 1, 2])):
            land = r.random() < 0.5
            orient = ' orientation="landscape"' if land else ""
            content = self.table(land) + self.blocks(1, land, lo=0, hi=2)
            appendices += (f"<appendix{orient}><title>{self.inline(r.randint(2, 16), fn=False, br=False)}</title>"
                           f"{content}</appendix>")
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- generated by tests/e2e/gendoc.py, seed {self.seed} -->\n'
                f'<document kind="{kind}" year="{year}">\n<header>{"".join(hdr)}</header>\n'
                f"<subject>{subject}</subject>\n{opening}\n<body>{body}</body>\n{closing}\n{ending}\n{appendices}\n"
                f"</document>\n")


def generate(seed):
    return Gen(seed).document()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--out", default=".")
    ap.add_argument("--prefix", default="rnd")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for s in range(a.seed, a.seed + a.count):
        with open(os.path.join(a.out, f"{a.prefix}-{s:04d}.xml"), "w", encoding="utf-8") as f:
            f.write(generate(s))


if __name__ == "__main__":
    main()
