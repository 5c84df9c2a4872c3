"""Realistic Vietnamese text for the search benchmark (bench_search)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .registry import IndexEntry

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

PLACES = [
    "thôn Đông",
    "thôn Tây",
    "bản Nà Lầu",
    "xóm Cầu",
    "khu phố 3",
    "thôn Phú Mỹ",
    "ấp Tân Lập",
    "bản Hua Pù",
    "thôn Đồng Tâm",
    "tổ dân phố 5",
    "xóm Bãi",
    "thôn An Hòa",
]
TOPICS = [
    "quy hoạch sử dụng đất",
    "đăng ký kinh doanh",
    "hộ tịch",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "phòng chống thiên tai",
    "xây dựng nông thôn mới",
    "chuyển đổi số",
    "bảo hiểm y tế",
    "tiêm chủng mở rộng",
    "phòng cháy chữa cháy",
    "an toàn thực phẩm",
    "giảm nghèo bền vững",
    "đầu tư công",
    "giải phóng mặt bằng",
    "cải cách hành chính",
    "an ninh trật tự",
    "bảo vệ môi trường",
    "khuyến nông",
    "giáo dục mầm non",
    "chăm sóc sức khỏe người cao tuổi",
    "lao động việc làm",
    "vệ sinh môi trường",
    "bầu cử đại biểu Hội đồng nhân dân",
    "thu ngân sách",
    "dịch vụ công trực tuyến",
    "đường giao thông nông thôn",
]
RARE = [
    "sầu riêng",
    "cà phê hữu cơ",
    "hợp tác xã dược liệu",
    "lễ hội đua ghe ngo",
    "chè shan tuyết",
    "gốm Chu Đậu",
    "múa xòe Thái",
    "cáp treo",
    "vịt cỏ Vân Đình",
    "nước mắm Cửa Khe",
]
OPENERS = [
    "Ủy ban nhân dân xã thông báo về",
    "Sở Tài chính hướng dẫn thực hiện",
    "Kế hoạch triển khai",
    "Hội nghị sơ kết công tác",
    "Thông báo lấy ý kiến nhân dân về",
    "Tăng cường công tác",
    "Kết quả thực hiện",
    "Tổ chức tập huấn",
    "Quyết định phê duyệt",
    "Báo cáo tình hình",
]
SENTENCES = [
    "Ủy ban nhân dân xã đề nghị các thôn, bản phối hợp triển khai {t} đến từng hộ gia đình.",
    "Cán bộ tư pháp hộ tịch tiếp nhận hồ sơ tại bộ phận một cửa vào giờ hành chính.",
    "Người dân có thể nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia.",
    "Trong năm, địa phương đã hoàn thành {n} công trình, vượt kế hoạch đề ra.",
    "Chủ tịch Ủy ban nhân dân yêu cầu các đơn vị nghiêm túc thực hiện {t}.",
    "Hội nghị đã thảo luận, đóng góp nhiều ý kiến về {t} tại {p}.",
    "Đoàn kiểm tra liên ngành làm việc tại {p} trong hai ngày.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước và vốn đối ứng của nhân dân.",
    "Các tổ chức, cá nhân có ý kiến xin gửi về Văn phòng trước ngày {d}.",
    "Thời gian giải quyết không quá {n} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Lực lượng công an xã phối hợp với dân quân tuần tra bảo đảm an ninh trật tự.",
    "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa tiếp tục được duy trì.",
    "Tỷ lệ hộ nghèo giảm còn {n} phần trăm, đời sống nhân dân từng bước được cải thiện.",
    "Nhân dân {p} tích cực hiến đất làm đường giao thông nông thôn.",
    "Việc tiếp công dân định kỳ được tổ chức vào thứ Năm hằng tuần.",
    "Sở Tài chính đề nghị các huyện, xã rà soát dự toán ngân sách năm {y}.",
]


def _body(rng: random.Random, topic: str, year: int) -> str:
    parts = []
    for _ in range(rng.randint(6, 12)):
        sentence = rng.choice(SENTENCES)
        parts.append(
            sentence.format(
                t=rng.choice(TOPICS) if rng.random() < 0.5 else topic,
                p=rng.choice(PLACES),
                n=rng.randint(2, 40),
                d=f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}",
                y=year,
            )
        )
    if rng.random() < 0.01:
        parts.insert(rng.randint(0, len(parts)), f"Mô hình {rng.choice(RARE)} mang lại hiệu quả.")
    return " ".join(parts)


def _when(rng: random.Random) -> datetime:
    """Spread over the last ten years, up to today."""
    return datetime.now(TZ) - timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 10))


def article(rng: random.Random, tenant_id: int, n: int) -> IndexEntry:
    topic = rng.choice(TOPICS)
    when = _when(rng)
    rare = f" {rng.choice(RARE)}" if rng.random() < 0.003 else ""
    title = f"{rng.choice(OPENERS)} {topic}{rare} tại {rng.choice(PLACES)}"
    return IndexEntry(tenant_id, "vi", title, _body(rng, topic, when.year), f"/tin/{n}/", when)


CODES = ["QĐ-UBND", "NQ-HĐND", "KH-UBND", "CT-UBND", "TB-UBND", "QĐ-STC"]


def document(rng: random.Random, tenant_id: int, n: int) -> IndexEntry:
    topic = rng.choice(TOPICS)
    when = _when(rng)
    number = f"{n % 400 + 1}/{when.year}/{rng.choice(CODES)}"
    kind = rng.choice(["Quyết định", "Nghị quyết", "Kế hoạch", "Chỉ thị", "Thông báo"])
    title = f"{kind} số {number} về {topic}"
    body = f"{kind} về việc {topic}. " + _body(rng, topic, when.year)
    return IndexEntry(tenant_id, "vi", title, body, f"/van-ban/{n}/", when, number)


def procedure(rng: random.Random, tenant_id: int, n: int) -> IndexEntry:
    topic = rng.choice(TOPICS)
    code = f"1.{n:06d}"
    title = f"Thủ tục {topic} (mã {code})"
    body = (
        f"Trình tự thực hiện thủ tục {topic}. Cách thức thực hiện: trực tiếp, trực tuyến, "
        "qua dịch vụ bưu chính. Thành phần hồ sơ: tờ khai theo mẫu, giấy tờ tùy thân. "
        f"Thời hạn giải quyết: {rng.randint(1, 30)} ngày làm việc. Lệ phí: không."
    )
    return IndexEntry(tenant_id, "vi", title, body, f"/thu-tuc/{n}/", _when(rng), code)
