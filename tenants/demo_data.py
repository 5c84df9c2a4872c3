"""The fictional demo province: a two-tier tree plus one legacy district branch."""

PROVINCE = {
    "slug": "sonlam",
    "kind": "province",
    "name_vi": "Tỉnh Sơn Lâm",
    "name_en": "Son Lam Province",
    "short_name_vi": "Sơn Lâm",
    "short_name_en": "Son Lam",
    "introduction_vi": "Cổng thông tin điện tử tỉnh Sơn Lâm — cung cấp thông tin chỉ đạo, "
    "điều hành, văn bản, thủ tục hành chính và dịch vụ công trực tuyến của tỉnh.",
    "introduction_en": "The e-portal of Son Lam Province: directives, legal documents, "
    "administrative procedures and online public services.",
    "governing_body_vi": "Ủy ban nhân dân tỉnh Sơn Lâm",
    "governing_body_en": "People's Committee of Son Lam Province",
    "responsible_person": "Nguyễn Văn Minh",
    "responsible_title_vi": "Chánh Văn phòng UBND tỉnh, Trưởng Ban Biên tập",
    "responsible_title_en": "Chief of Office, Head of the Editorial Board",
    "address_vi": "Số 1 đường Trần Phú, phường Bến Thủy, tỉnh Sơn Lâm",
    "address_en": "1 Tran Phu Street, Ben Thuy Ward, Son Lam Province",
    "phone": "0238 3840 100",
    "email": "banbientap@sonlam.gov.vn",
    "hotline": "1022",
    "license_text_vi": "Giấy phép số 12/GP-TTĐT do Sở Văn hóa, Thể thao và Du lịch cấp "
    "(dữ liệu mẫu)",
    "license_text_en": "Licence no. 12/GP-TTĐT issued by the Department of Culture, Sports and "
    "Tourism (sample data)",
    "platform_label_vi": "Nền tảng Cổng thông tin điện tử hội tụ",
    "platform_label_en": "Converged e-portal platform",
    "theme_color": "#a3161a",
}

# (slug, kind, Vietnamese name, English name, responsible person, hotline, parent slug)
COMPONENTS = [
    (
        "sotaichinh",
        "department",
        "Sở Tài chính",
        "Department of Finance",
        "Lê Thị Hạnh",
        "0238 3844 201",
        "sonlam",
    ),
    (
        "sonoivu",
        "department",
        "Sở Nội vụ",
        "Department of Home Affairs",
        "Trần Quốc Bảo",
        "0238 3844 202",
        "sonlam",
    ),
    (
        "soyte",
        "department",
        "Sở Y tế",
        "Department of Health",
        "Phạm Thu Trang",
        "0238 3844 203",
        "sonlam",
    ),
    (
        "sogiaoducdaotao",
        "department",
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        "Hoàng Đức Long",
        "0238 3844 204",
        "sonlam",
    ),
    (
        "sonongnghiepmoitruong",
        "department",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "Võ Thị Mai",
        "0238 3844 205",
        "sonlam",
    ),
    (
        "phuongbenthuy",
        "ward",
        "Phường Bến Thủy",
        "Ben Thuy Ward",
        "Đặng Văn Hùng",
        "0238 3855 301",
        "sonlam",
    ),
    (
        "xahoabinh",
        "commune",
        "Xã Hòa Bình",
        "Hoa Binh Commune",
        "Ngô Thị Lan",
        "0238 3855 302",
        "sonlam",
    ),
    (
        "xatanlap",
        "commune",
        "Xã Tân Lập",
        "Tan Lap Commune",
        "Bùi Văn Tuấn",
        "0238 3855 303",
        "sonlam",
    ),
    (
        "dackhuhonngu",
        "special_zone",
        "Đặc khu Hòn Ngư",
        "Hon Ngu Special Zone",
        "Đinh Quang Vinh",
        "0238 3855 304",
        "sonlam",
    ),
    (
        "huyennamdan",
        "district",
        "Huyện Nam Đàn (cũ)",
        "Nam Dan District (former)",
        "Lý Văn Sơn",
        "0238 3866 401",
        "sonlam",
    ),
    (
        "xanamtrung",
        "commune",
        "Xã Nam Trung",
        "Nam Trung Commune",
        "Mai Thị Hoa",
        "0238 3866 402",
        "huyennamdan",
    ),
]

# username, role, tenant slug, include descendants, what the account shows
ACCOUNTS = [
    ("bbt", "approver", "sonlam", True, "Ban Biên tập cổng tỉnh: duyệt toàn bộ cây đơn vị"),
    ("kiemtra", "auditor", "sonlam", True, "Kiểm tra viên: chỉ đọc toàn tỉnh"),
    ("quantri.hoabinh", "site_admin", "xahoabinh", False, "Quản trị trang Xã Hòa Bình"),
    ("duyet.hoabinh", "approver", "xahoabinh", False, "Người duyệt Xã Hòa Bình"),
    ("bientap.hoabinh", "editor", "xahoabinh", False, "Biên tập viên Xã Hòa Bình"),
    ("bientap.sotaichinh", "editor", "sotaichinh", False, "Biên tập viên Sở Tài chính"),
]
DEMO_PASSWORD = "SonLam@2026"
SUPERUSER = ("admin", "Quản trị hệ thống (superuser)")
