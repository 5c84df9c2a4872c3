"""The demo disclosures' texts and figures (fictional; see demo.py for how they are made)."""

from datetime import date

from .models import PlanDetails, Section

# (site slug, slug, title, kind, level, state, period start, period end, signed, decision)
PLANS = [
    (
        "sonlam",
        "quy-hoach-tinh-2021-2030",
        "Quy hoạch tỉnh Sơn Lâm thời kỳ 2021–2030, tầm nhìn đến năm 2050",
        PlanDetails.Kind.MASTER_PLAN,
        "Cấp tỉnh",
        "approved",
        date(2021, 1, 1),
        date(2030, 12, 31),
        date(2024, 3, 12),
        "125/QĐ-TTg",
    ),
    (
        "sonlam",
        "ke-hoach-su-dung-dat-2026",
        "Kế hoạch sử dụng đất năm 2026 tỉnh Sơn Lâm",
        PlanDetails.Kind.LAND_USE,
        "Cấp tỉnh",
        "approved",
        date(2026, 1, 1),
        date(2026, 12, 31),
        date(2026, 1, 15),
        "45/QĐ-UBND",
    ),
    (
        "sonlam",
        "du-thao-chuong-trinh-chuyen-doi-so",
        "Dự thảo Chương trình chuyển đổi số tỉnh Sơn Lâm giai đoạn 2026–2030",
        PlanDetails.Kind.PROGRAMME,
        "Cấp tỉnh",
        "consultation",
        date(2026, 1, 1),
        date(2030, 12, 31),
        date(2026, 10, 5),
        "",
    ),
    (
        "xahoabinh",
        "ke-hoach-phat-trien-kt-xh-2026",
        "Kế hoạch phát triển kinh tế – xã hội năm 2026 xã Hòa Bình",
        PlanDetails.Kind.ANNUAL_PLAN,
        "Cấp xã",
        "approved",
        date(2026, 1, 1),
        date(2026, 12, 31),
        date(2025, 12, 20),
        "210/QĐ-UBND",
    ),
]

# (slug, title, field, period, header, rows)
DATASETS = [
    (
        "dan-so-lao-dong-2025",
        "Dân số và lao động năm 2025",
        "Dân số – lao động",
        "Năm 2025",
        ["Chỉ tiêu", "Đơn vị tính", "Năm 2024", "Năm 2025"],
        [
            ["Dân số trung bình", "người", "1.254.300", "1.268.950"],
            ["Lực lượng lao động", "người", "702.410", "711.025"],
            ["Tỷ lệ thất nghiệp", "%", "2,31", "2,14"],
        ],
    ),
    (
        "san-xuat-nong-nghiep-2025",
        "Diện tích, sản lượng cây trồng chính 2025",
        "Nông nghiệp",
        "Năm 2025",
        ["Chỉ tiêu", "Đơn vị tính", "Năm 2024", "Năm 2025"],
        [
            ["Diện tích lúa", "ha", "97.880", "98.450,5"],
            ["Diện tích ngô", "ha", "21.050", "21.300"],
            ["Diện tích chè", "ha", "8.760", "8.920,3"],
            ["Sản lượng lúa", "tấn", "604.900", "612.300"],
            ["Sản lượng ngô", "tấn", "101.200", "104.800"],
            ["Sản lượng chè búp tươi", "tấn", "90.400", "92.150"],
        ],
    ),
    (
        "giao-duc-2025",
        "Trường lớp và học sinh năm học 2025–2026",
        "Giáo dục",
        "Năm học 2025–2026",
        ["Chỉ tiêu", "Đơn vị tính", "Công lập", "Ngoài công lập"],
        [
            ["Trường mầm non", "trường", "412", "38"],
            ["Trường tiểu học", "trường", "356", "4"],
            ["Học sinh phổ thông", "học sinh", "243.118", "6.205"],
        ],
    ),
]

# (site slug, section, slug, title, state, fact date)
NOTICES = [
    (
        "sonlam",
        Section.RECRUITMENT,
        "thi-tuyen-cong-chuc-2026",
        "Thông báo thi tuyển công chức tỉnh Sơn Lâm năm 2026",
        "open",
        date(2026, 10, 1),
    ),
    (
        "xahoabinh",
        Section.RECRUITMENT,
        "xet-tuyen-vien-chuc-2026",
        "Thông báo xét tuyển viên chức xã Hòa Bình năm 2026",
        "result",
        date(2026, 6, 1),
    ),
    (
        "sonlam",
        Section.ANTICORRUPTION,
        "ke-hoach-pctn-2026",
        "Kế hoạch công tác phòng, chống tham nhũng, tiêu cực năm 2026",
        "",
        date(2026, 1, 20),
    ),
    (
        "xahoabinh",
        Section.ANTICORRUPTION,
        "ke-khai-tai-san-2025",
        "Công khai bản kê khai tài sản, thu nhập năm 2025 xã Hòa Bình",
        "",
        date(2026, 3, 2),
    ),
    (
        "sonlam",
        Section.SCIENCE,
        "de-tai-giong-che-2025",
        "Đề tài: Tuyển chọn giống chè chất lượng cao cho vùng đồi Sơn Lâm",
        "completed",
        date(2025, 11, 12),
    ),
    (
        "sonlam",
        Section.LAND,
        "bang-gia-dat-2026",
        "Bảng giá đất tỉnh Sơn Lâm áp dụng từ 01/01/2026",
        "approved",
        date(2025, 12, 26),
    ),
]
