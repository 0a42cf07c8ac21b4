<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Record something done earlier (late entry)</source>
        <translation>Ghi lại việc đã làm trước đây (ghi muộn)</translation>
    </message>
    <message>
        <source>Done at:</source>
        <translation>Thời điểm thực hiện:</translation>
    </message>
    <message>
        <source>The citizen made a complaint or recommendation</source>
        <translation>Công dân có phản ánh, kiến nghị</translation>
    </message>
    <message>
        <source>Hand over to:</source>
        <translation>Chuyển cho:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Lý do:</translation>
    </message>
    <message>
        <source>New appointment:</source>
        <translation>Ngày hẹn mới:</translation>
    </message>
    <message>
        <source>The apology letter goes out at the latest one working day before the deadline, and a new appointment is given only once (Decree 61/2018, art. 19(9)).</source>
        <translation>Văn bản xin lỗi gửi chậm nhất một ngày làm việc trước hạn trả kết quả, và chỉ hẹn lại một lần (Nghị định 61/2018/NĐ-CP, điều 19 khoản 9).</translation>
    </message>
    <message>
        <source>Only to allow it outside the rule: the leader&apos;s reason</source>
        <translation>Chỉ khi cho phép ngoài quy định: lý do của lãnh đạo</translation>
    </message>
    <message>
        <source>Allowed because:</source>
        <translation>Lý do cho phép:</translation>
    </message>
    <message>
        <source>— not rated —</source>
        <translation>— chưa đánh giá —</translation>
    </message>
    <message>
        <source>Collected by:</source>
        <translation>Người nhận kết quả:</translation>
    </message>
    <message>
        <source>Citizen&apos;s rating:</source>
        <translation>Đánh giá của công dân:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Ý kiến:</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Users</source>
        <extracomment>Where each role starts: the area of its daily work (the first listed role a person holds wins — a clerk who also administers lands at the counter).</extracomment>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Unit profile</source>
        <translation>Thông tin đơn vị</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Answer question %1</source>
        <translation>Trả lời câu hỏi %1</translation>
    </message>
    <message>
        <source>&amp;Attach a file…</source>
        <translation>&amp;Đính kèm tệp…</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Kết quả:</translation>
    </message>
    <message>
        <source>What was &amp;seen:</source>
        <translation>Những gì &amp;quan sát được:</translation>
    </message>
    <message>
        <source>&amp;Evidence (one per line):</source>
        <translation>&amp;Bằng chứng (mỗi dòng một):</translation>
    </message>
    <message>
        <source>Files kept:</source>
        <translation>Tệp đã lưu:</translation>
    </message>
    <message>
        <source>Evidence file</source>
        <translation>Tệp bằng chứng</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>AsOfDocumentsModel</name>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Lần ban hành</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>Hiệu lực từ</translation>
    </message>
</context>
<context>
    <name>AsOfPanel</name>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>In force on</source>
        <translation>Có hiệu lực ngày</translation>
    </message>
    <message>
        <source>%1 document(s) and %2 procedure(s) in force on %3</source>
        <translation>%1 tài liệu và %2 thủ tục có hiệu lực ngày %3</translation>
    </message>
</context>
<context>
    <name>AsOfProceduresModel</name>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Bản</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>Hiệu lực từ</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Thời hạn giải quyết</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>&amp;Check integrity</source>
        <translation>&amp;Kiểm tra toàn vẹn</translation>
    </message>
    <message>
        <source>Check &amp;against a checkpoint…</source>
        <translation>Đối &amp;chiếu với mốc kiểm tra…</translation>
    </message>
    <message>
        <source>A checkpoint kept outside the database — a checkpoint file, a backup, or the code printed on a checkpoint page — proves the log was not cut short or rewritten since it was made.</source>
        <translation>Mốc kiểm tra giữ bên ngoài cơ sở dữ liệu — tệp mốc, bản sao lưu, hoặc mã in trên trang mốc — chứng minh nhật ký không bị cắt bớt hay ghi lại kể từ khi lập mốc.</translation>
    </message>
    <message>
        <source>&amp;Make a checkpoint…</source>
        <translation>Lập &amp;mốc kiểm tra…</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Mọi đối tượng</translation>
    </message>
    <message>
        <source>Code, revision no. or user name</source>
        <translation>Mã, số lần ban hành hoặc tên đăng nhập</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>Who (user name)</source>
        <translation>Người thực hiện (tên đăng nhập)</translation>
    </message>
    <message>
        <source>Action, e.g. dossier.</source>
        <translation>Hành động, vd. dossier.</translation>
    </message>
    <message>
        <source>Every event</source>
        <translation>Mọi sự kiện</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Lọc</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Xuất ra tệp…</translation>
    </message>
    <message>
        <source>Save the events shown by the filter as an Excel workbook or a PDF to sign</source>
        <translation>Ghi các sự kiện đang lọc ra tệp Excel hoặc PDF để ký</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message numerus="yes">
        <source>Every change is recorded with who and when, and chained by SHA-256 so that any later alteration shows. At most %n event(s) are shown, newest first; an entry recorded after the fact is marked *.</source>
        <translation>
            <numerusform>Mọi thay đổi được ghi lại với người thực hiện và thời điểm, nối chuỗi bằng SHA-256 để mọi sửa đổi về sau đều lộ ra. Hiển thị tối đa %n sự kiện, mới nhất ở đầu; việc ghi sau thời điểm làm việc (ghi muộn) có dấu *.</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký kiểm tra</translation>
    </message>
    <message>
        <source>As of a date</source>
        <translation>Tại một ngày</translation>
    </message>
    <message>
        <source>Dossier trace</source>
        <translation>Truy vết hồ sơ</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Chữ ký</translation>
    </message>
    <message>
        <source>Printed copy check</source>
        <translation>Kiểm tra bản in</translation>
    </message>
    <message>
        <source>Evidence packs</source>
        <translation>Hồ sơ chứng cứ</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Kiểm tra, đánh giá</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Xuất nhật ký kiểm tra</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;PDF to sign (*.pdf)</source>
        <translation>Tệp Excel (*.xlsx);;PDF để ký (*.pdf)</translation>
    </message>
    <message>
        <source>%1 event(s); %2 shown</source>
        <translation>%1 sự kiện; hiển thị %2</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Sự kiện</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Trước</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Sau</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>%1 (recorded late, at %2)</source>
        <translation>%1 (ghi muộn lúc %2)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Check against a checkpoint</source>
        <translation>Đối chiếu với mốc kiểm tra</translation>
    </message>
    <message>
        <source>Checkpoint or backup (*.json *.isoqms-backup);;All files (*)</source>
        <translation>Mốc kiểm tra hoặc bản sao lưu (*.json *.isoqms-backup);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Or type the code printed on the checkpoint page (NUMBER:HASH):</source>
        <translation>Hoặc gõ mã in trên trang mốc kiểm tra (SỐ:MÃ-BĂM):</translation>
    </message>
</context>
<context>
    <name>AuditPlanDialog</name>
    <message>
        <source>Plan an internal audit</source>
        <translation>Lập kế hoạch đánh giá nội bộ</translation>
    </message>
    <message>
        <source>Internal audit of the civil-status processes</source>
        <translation>Đánh giá nội bộ các quy trình hộ tịch</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— không —</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Tên cuộc đánh giá:</translation>
    </message>
    <message>
        <source>&amp;Processes (space ticks):</source>
        <translation>&amp;Quy trình (phím cách để chọn):</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Ngày đánh giá:</translation>
    </message>
    <message>
        <source>&amp;Lead auditor:</source>
        <translation>Trưởng đoàn đánh &amp;giá:</translation>
    </message>
    <message>
        <source>&amp;Second auditor:</source>
        <translation>Người đánh giá &amp;thứ hai:</translation>
    </message>
    <message>
        <source>&amp;Criteria:</source>
        <translation>Căn &amp;cứ đánh giá:</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>The data folder&apos;s “backups” (this computer)</source>
        <translation>Thư mục “backups” trong thư mục dữ liệu (máy này)</translation>
    </message>
    <message>
        <source>Choose f&amp;older…</source>
        <translation>C&amp;họn thư mục…</translation>
    </message>
    <message>
        <source> most recent</source>
        <translation> bản gần nhất</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Lưu cài đặt</translation>
    </message>
    <message>
        <source>Automatic backups go to:</source>
        <translation>Sao lưu tự động vào:</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Giữ lại:</translation>
    </message>
    <message>
        <source>The program backs up by itself at its first start each day and when it is closed. Choose a USB disk or a network folder: a copy on the same computer is lost with its disk. A backup also carries a checkpoint of the audit log.</source>
        <translation>Chương trình tự sao lưu khi mở lần đầu mỗi ngày và khi đóng. Nên chọn ổ USB hoặc thư mục mạng: bản sao trên cùng máy sẽ mất theo ổ cứng của máy. Mỗi bản sao lưu mang theo một mốc kiểm tra của nhật ký.</translation>
    </message>
    <message>
        <source>Back up &amp;now…</source>
        <translation>&amp;Sao lưu ngay…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>Make a check&amp;point…</source>
        <translation>Lập &amp;mốc kiểm tra…</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu dữ liệu</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>Chưa có bản sao lưu nào.</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>tự động</translation>
    </message>
    <message>
        <source>Last backup: %1 (%2) — %3, %4. Automatic backups: %5.</source>
        <translation>Bản sao lưu gần nhất: %1 (%2) — %3, %4. Sao lưu tự động vào: %5.</translation>
    </message>
    <message>
        <source>Folder for automatic backups</source>
        <translation>Thư mục sao lưu tự động</translation>
    </message>
    <message>
        <source>Backup settings saved.</source>
        <translation>Đã lưu cài đặt sao lưu.</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Lưu bản sao lưu</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Backed up to %1 (%2): the log up to event %3.</source>
        <translation>Đã sao lưu vào %1 (%2): nhật ký tới sự kiện số %3.</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Đang kiểm tra bản sao lưu…</translation>
    </message>
    <message>
        <source>The backup is intact.</source>
        <translation>Bản sao lưu nguyên vẹn.</translation>
    </message>
    <message>
        <source>Restoring replaces all the data of this database with the backup&apos;s (a backup of the data it replaces is made first). Everyone should stop working first; you will be signed out afterwards. Restore?</source>
        <translation>Khôi phục sẽ thay toàn bộ dữ liệu của cơ sở dữ liệu này bằng dữ liệu của bản sao lưu (trước đó chương trình tự sao lưu dữ liệu bị thay). Mọi người nên dừng làm việc trước; sau khi khôi phục bạn sẽ được đăng xuất. Khôi phục?</translation>
    </message>
    <message>
        <source>Nothing was restored.</source>
        <translation>Chưa khôi phục gì.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Đang khôi phục…</translation>
    </message>
    <message>
        <source>Restored: the log holds %1 events and was checked intact.</source>
        <translation>Đã khôi phục: nhật ký có %1 sự kiện, đã kiểm tra nguyên vẹn.</translation>
    </message>
    <message>
        <source>The data it replaced is kept in %1.</source>
        <translation>Dữ liệu bị thay được giữ trong %1.</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <source>Field / procedure</source>
        <translation>Lĩnh vực / thủ tục</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>&amp;Add / change entry…</source>
        <translation>Thêm / &amp;sửa ngày…</translation>
    </message>
    <message>
        <source>&amp;Remove entry</source>
        <translation>&amp;Bỏ mục</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>Nhập từ tệp (&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Xuất ra tệp…</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>weekday off</source>
        <translation>ngày thường được nghỉ</translation>
    </message>
    <message>
        <source>weekend worked (make-up day)</source>
        <translation>cuối tuần phải làm (làm bù)</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>cuối tuần</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <source>No official holiday schedule for %1 yet: its days off follow the Labor Code (art. 112) and may move when the schedule is published — appointments falling around Tết, 30/4–1/5 and 2/9 may change. Import it as soon as it is out.</source>
        <translation>Chưa có lịch nghỉ chính thức năm %1: các ngày nghỉ đang theo Bộ luật Lao động (điều 112) và có thể đổi khi lịch được công bố — ngày hẹn rơi vào dịp Tết, 30/4–1/5 và 2/9 có thể thay đổi. Nhập lịch ngay khi có.</translation>
    </message>
    <message>
        <source>%1 has no entry of the official schedule; days given by the Labor Code are changed by adding an entry.</source>
        <translation>Ngày %1 không có mục nào trong lịch chính thức; ngày nghỉ theo Bộ luật Lao động được thay đổi bằng cách thêm một mục.</translation>
    </message>
    <message>
        <source>Remove entry</source>
        <translation>Bỏ mục lịch</translation>
    </message>
    <message>
        <source>Remove the entry of %1 (%2)? The day then follows the rules again.</source>
        <translation>Bỏ mục lịch ngày %1 (%2)? Ngày này sẽ lại theo quy định chung.</translation>
    </message>
    <message>
        <source>Import a schedule</source>
        <translation>Nhập lịch làm việc</translation>
    </message>
    <message>
        <source>Schedule files (*.csv)</source>
        <translation>Tệp lịch (*.csv)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập lịch</translation>
    </message>
    <message>
        <source>Export the schedule</source>
        <translation>Xuất lịch làm việc</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>có hiệu lực</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>chưa có</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <source>Code or name, accents optional</source>
        <translation>Mã hoặc tên, có dấu hay không dấu đều được</translation>
    </message>
    <message>
        <source>Import the portal&apos;s list (.xlsx)…</source>
        <translation>Nhập danh sách từ Cổng DVC (.xlsx)…</translation>
    </message>
    <message>
        <source>Import content (.json)…</source>
        <translation>Nhập nội dung (.json)…</translation>
    </message>
    <message>
        <source>Export content (.json)…</source>
        <translation>Xuất nội dung (.json)…</translation>
    </message>
    <message>
        <source>Administrative procedures</source>
        <translation>Thủ tục hành chính</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Lần ban hành</translation>
    </message>
    <message>
        <source>in force since</source>
        <translation>có hiệu lực từ</translation>
    </message>
    <message>
        <source>Processing time</source>
        <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Phí, lệ phí</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Số bộ hồ sơ</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Các bước thực hiện</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Căn cứ pháp lý</translation>
    </message>
    <message>
        <source>(if applicable)</source>
        <translation>(nếu có)</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Tệp JSON (*.json)</translation>
    </message>
    <message>
        <source>Import procedures</source>
        <translation>Nhập thủ tục</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập lịch</translation>
    </message>
    <message>
        <source>Export procedures</source>
        <translation>Xuất thủ tục</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>Your password was reset by an administrator: choose a new one.</source>
        <translation>Mật khẩu của bạn đã được quản trị viên đặt lại: hãy đặt mật khẩu mới.</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Mật khẩu hiện tại:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Mật khẩu mới:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
</context>
<context>
    <name>Checkpoint</name>
    <message>
        <source>Save the checkpoint</source>
        <translation>Lưu mốc kiểm tra</translation>
    </message>
    <message>
        <source>Checkpoint (*.json)</source>
        <translation>Mốc kiểm tra (*.json)</translation>
    </message>
    <message>
        <source>Checkpoint made at event %1: %2, and its page to print: %3.</source>
        <translation>Đã lập mốc kiểm tra tại sự kiện số %1: %2, và trang để in: %3.</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare %1</source>
        <translation>So sánh %1</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Lần ban hành</translation>
    </message>
</context>
<context>
    <name>CopyCheckPanel</name>
    <message>
        <source>Scan the QR code of the printed copy here</source>
        <translation>Quét mã QR của bản in vào đây</translation>
    </message>
    <message>
        <source>A barcode scanner types the code and presses Enter; the code can also be pasted. It holds the document code, issue, copy number and content hash.</source>
        <translation>Máy quét mã vạch gõ mã và nhấn Enter; cũng có thể dán mã vào. Mã gồm mã hiệu tài liệu, lần ban hành, số bản và mã băm nội dung.</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <source>Print a copy of %1</source>
        <translation>In bản sao %1</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Lưu PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <source>Revision:</source>
        <translation>Lần ban hành:</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>Bản:</translation>
    </message>
    <message>
        <source>Uncontrolled copy</source>
        <translation>Bản không kiểm soát</translation>
    </message>
    <message>
        <source>Controlled copy no. %1 — %2</source>
        <translation>Bản có kiểm soát số %1 — %2</translation>
    </message>
    <message>
        <source>Save the copy</source>
        <translation>Lưu bản sao</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Không khởi động được máy in.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Cannot do that</source>
        <translation>Không thực hiện được</translation>
    </message>
    <message>
        <source>Program error</source>
        <translation>Lỗi chương trình</translation>
    </message>
    <message>
        <source>An unexpected error occurred; nothing was changed.</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến; không có gì bị thay đổi.</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Procedures (TTHC)</source>
        <translation>Thủ tục hành chính</translation>
    </message>
    <message>
        <source>Controlled documents</source>
        <translation>Tài liệu được kiểm soát</translation>
    </message>
    <message>
        <source>Records list</source>
        <translation>Danh mục hồ sơ</translation>
    </message>
    <message>
        <source>ISO cycle</source>
        <translation>Chu kỳ ISO</translation>
    </message>
    <message>
        <source>Internal audit</source>
        <translation>Đánh giá nội bộ</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <source>Receipt slip…</source>
        <translation>Giấy tiếp nhận…</translation>
    </message>
    <message>
        <source>Control sheet…</source>
        <translation>Phiếu kiểm soát…</translation>
    </message>
    <message>
        <source>Apology letter…</source>
        <translation>Văn bản xin lỗi…</translation>
    </message>
    <message>
        <source>Stop notice…</source>
        <translation>Thông báo dừng…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Đóng</translation>
    </message>
    <message>
        <source>Journey:</source>
        <translation>Quá trình giải quyết:</translation>
    </message>
    <message>
        <source>content revision %1 in force since %2</source>
        <translation>nội dung lần %1, áp dụng từ %2</translation>
    </message>
    <message>
        <source>represented by %1</source>
        <translation>người đại diện: %1</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số giấy tờ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Liên hệ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Result collected</source>
        <translation>Nhận kết quả</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation>Hẹn trả mới</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Đang giữ</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Papers received (%1 set(s))</source>
        <translation>Thành phần hồ sơ đã nhận (%1 bộ)</translation>
    </message>
    <message>
        <source>Slip %1</source>
        <translation>Giấy tiếp nhận %1</translation>
    </message>
</context>
<context>
    <name>DossiersPage</name>
    <message>
        <source>Find a dossier: its code (or last digits), the citizen&apos;s name, phone or ID number — or scan the slip — then Enter</source>
        <extracomment>the unit&apos;s profile holds how long a result may wait before it is marked</extracomment>
        <translation>Tìm hồ sơ: mã hồ sơ (hoặc mấy số cuối), họ tên, số điện thoại, số giấy tờ của công dân — hoặc quét mã trên giấy hẹn — rồi nhấn Enter</translation>
    </message>
    <message>
        <source>All open dossiers, not only mine</source>
        <translation>Mọi hồ sơ đang giải quyết, không chỉ của tôi</translation>
    </message>
    <message>
        <source>Dossiers being processed</source>
        <translation>Hồ sơ đang giải quyết</translation>
    </message>
    <message>
        <source>Results waiting to be collected</source>
        <translation>Kết quả chờ trả</translation>
    </message>
    <message>
        <source>Tracking book</source>
        <translation>Sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Kết quả tìm</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Dossiers being processed (%1)</source>
        <translation>Hồ sơ đang giải quyết (%1)</translation>
    </message>
    <message>
        <source>Results waiting to be collected (%1)</source>
        <translation>Kết quả chờ trả (%1)</translation>
    </message>
    <message>
        <source>%1 over %2 days</source>
        <translation>%1 hồ sơ quá %2 ngày</translation>
    </message>
    <message>
        <source>No dossier matches “%1” (code, name, phone or ID number).</source>
        <translation>Không có hồ sơ nào khớp “%1” (mã, họ tên, số điện thoại hoặc số giấy tờ).</translation>
    </message>
    <message>
        <source>Found: “%1” (%2)</source>
        <translation>Kết quả tìm “%1” (%2)</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Calendar entry</source>
        <translation>Mục lịch</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>Ngày nghỉ</translation>
    </message>
    <message>
        <source>Working day (make-up)</source>
        <translation>Ngày làm việc (làm bù)</translation>
    </message>
    <message>
        <source>Document it comes from</source>
        <translation>Văn bản căn cứ</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Ngày:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Loại:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Tên:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Căn cứ:</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Recorded late, at %1</source>
        <translation>Ghi muộn lúc %1</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>new appointment %1</source>
        <translation>hẹn lại %1</translation>
    </message>
    <message>
        <source>counted again from the start, Decree 61/2018 art. 19(4)</source>
        <translation>tính lại từ đầu, Nghị định 61/2018 Điều 19.4</translation>
    </message>
    <message>
        <source>moved by the time waited</source>
        <translation>cộng thời gian chờ</translation>
    </message>
    <message>
        <source>new appointment %1 (%2)</source>
        <translation>hẹn trả mới %1 (%2)</translation>
    </message>
    <message>
        <source>appointment moved to %1</source>
        <translation>ngày hẹn lùi đến %1</translation>
    </message>
    <message>
        <source>letter no. %1</source>
        <translation>văn bản số %1</translation>
    </message>
    <message>
        <source>late entry</source>
        <translation>ghi muộn</translation>
    </message>
</context>
<context>
    <name>ExceptionsModel</name>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>Thứ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Theo</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Làm việc</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Nghỉ</translation>
    </message>
    <message>
        <source>Official schedule</source>
        <translation>Lịch chính thức</translation>
    </message>
    <message>
        <source>Labor Code</source>
        <translation>Bộ luật Lao động</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <source>Raise a finding</source>
        <translation>Ghi phát hiện</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Loại:</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Nguồn:</translation>
    </message>
    <message>
        <source>C&amp;lause (TCVN ISO 9001:2015):</source>
        <translation>Điều &amp;khoản (TCVN ISO 9001:2015):</translation>
    </message>
    <message>
        <source>&amp;Process (document code):</source>
        <translation>&amp;Quá trình (mã tài liệu):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Mô tả:</translation>
    </message>
    <message>
        <source>&amp;Evidence:</source>
        <translation>&amp;Bằng chứng:</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>Tạo quản trị viên đầu tiên</translation>
    </message>
    <message>
        <source>The database is empty. Create the administrator account that will add the other users and set up the unit.</source>
        <translation>Cơ sở dữ liệu còn trống. Hãy tạo tài khoản quản trị viên để thêm người dùng khác và khai báo đơn vị.</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Tên đăng nhập:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Họ và tên:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>First start</source>
        <translation>Khởi động lần đầu</translation>
    </message>
    <message>
        <source>The database is empty. Create a demo commune with one user per role (password “demo”) to try the program?</source>
        <translation>Cơ sở dữ liệu còn trống. Tạo một xã mẫu với mỗi vai trò một người dùng (mật khẩu “demo”) để dùng thử chương trình?</translation>
    </message>
</context>
<context>
    <name>FormTextsDialog</name>
    <message>
        <source>Texts of form %1</source>
        <translation>Nội dung biểu mẫu %1</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Printed text</source>
        <translation>Nội dung in</translation>
    </message>
    <message>
        <source>Keep the fill-in fields such as {number} or {book}; separate table columns with |.</source>
        <translation>Giữ nguyên các chỗ điền như {number}, {book}; các cột của bảng ngăn cách bằng dấu |.</translation>
    </message>
</context>
<context>
    <name>FoundModel</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số giấy tờ</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
</context>
<context>
    <name>IndicatorsModel</name>
    <message>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Số liệu</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Find a procedure: code or name, accents optional</source>
        <extracomment>the catalogue reloads when procedures or their content change (a process document&apos;s approval approves its procedure content too)</extracomment>
        <translation>Tìm thủ tục: mã hoặc tên, gõ có dấu hay không dấu đều được</translation>
    </message>
    <message>
        <source>Choose a procedure on the left.</source>
        <translation>Chọn thủ tục ở danh sách bên trái.</translation>
    </message>
    <message>
        <source>12 digits (citizen ID) or 9 (old ID)</source>
        <translation>12 chữ số (căn cước) hoặc 9 chữ số (CMND cũ)</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>Số &amp;giấy tờ tùy thân:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Điện th&amp;oại:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Đị&amp;a chỉ:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>Thư điện tử (&amp;email):</translation>
    </message>
    <message>
        <source>Representative:</source>
        <translation>Người đại diện (nếu có):</translation>
    </message>
    <message>
        <source>&amp;Use these details</source>
        <translation>&amp;Dùng lại thông tin này</translation>
    </message>
    <message>
        <source>All &amp;received</source>
        <translation>Đủ tất &amp;cả</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>Tại nơi tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>By public postal service</source>
        <translation>Qua dịch vụ bưu chính công ích</translation>
    </message>
    <message>
        <source>Sets:</source>
        <translation>Số bộ:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Hình thức nộp:</translation>
    </message>
    <message>
        <source>Result collected:</source>
        <translation>Nhận kết quả:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <source>&amp;Receive (Ctrl+Enter)</source>
        <translation>Tiếp nhận (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Supplement request (Mẫu 02)…</source>
        <translation>Yêu cầu bổ sung (Mẫu 02)…</translation>
    </message>
    <message>
        <source>Refuse (Mẫu 03)…</source>
        <translation>Từ chối (Mẫu 03)…</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>Hồ sơ &amp;mới</translation>
    </message>
    <message>
        <source>Papers (check against the revision in force):</source>
        <translation>Thành phần hồ sơ (đối chiếu với quy trình đang có hiệu lực):</translation>
    </message>
    <message>
        <source>Dossier intake</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>Time: %1 · Fee: %2 · Revision %3 in force since %4</source>
        <translation>Thời hạn: %1 · Phí, lệ phí: %2 · Lần ban hành %3, hiệu lực từ %4</translation>
    </message>
    <message>
        <source>Papers missing</source>
        <translation>Hồ sơ còn thiếu</translation>
    </message>
    <message>
        <source>These papers are missing:
%1

Issue a supplement request (Mẫu 02) instead of a receipt?</source>
        <translation>Hồ sơ còn thiếu các giấy tờ sau:
%1

Lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) thay cho Giấy tiếp nhận?</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Đang tiếp nhận…</translation>
    </message>
    <message>
        <source>Received %1 — appointment %2 — book %3, no. %4</source>
        <translation>Đã tiếp nhận %1 — hẹn trả %2 — quyển số %3, số thứ tự %4</translation>
    </message>
    <message>
        <source> — note: the official holiday schedule of %1 is not out yet; the appointment may move when it is</source>
        <translation> — lưu ý: chưa có lịch nghỉ chính thức năm %1, ngày hẹn có thể đổi khi lịch được công bố</translation>
    </message>
    <message>
        <source>Slip %1</source>
        <translation>Giấy tiếp nhận %1</translation>
    </message>
    <message>
        <source>Seen before: %1</source>
        <translation>Công dân đã nộp hồ sơ trước đây: %1</translation>
    </message>
    <message>
        <source>Issued %1</source>
        <translation>Đã lập phiếu %1</translation>
    </message>
    <message>
        <source>Supplement request %1</source>
        <translation>Phiếu yêu cầu bổ sung %1</translation>
    </message>
    <message>
        <source>Refusal %1</source>
        <translation>Phiếu từ chối %1</translation>
    </message>
    <message>
        <source>Supplement request</source>
        <translation>Yêu cầu bổ sung, hoàn thiện hồ sơ</translation>
    </message>
    <message>
        <source>Reason (what must be supplemented or corrected):</source>
        <translation>Lý do (giấy tờ cần bổ sung, hoàn thiện):</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Thiếu: %1</translation>
    </message>
    <message>
        <source>Refuse the dossier</source>
        <translation>Từ chối tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>Reason for refusal:</source>
        <translation>Lý do từ chối:</translation>
    </message>
</context>
<context>
    <name>InternalAuditPage</name>
    <message>
        <source>&amp;Plan an audit…</source>
        <translation>&amp;Lập kế hoạch đánh giá…</translation>
    </message>
    <message>
        <source>Appro&amp;ve the programme…</source>
        <translation>&amp;Phê duyệt chương trình…</translation>
    </message>
    <message>
        <source>&amp;Answer the question…</source>
        <translation>&amp;Trả lời câu hỏi…</translation>
    </message>
    <message>
        <source>Audit &amp;report…</source>
        <translation>&amp;Báo cáo đánh giá…</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>Nă&amp;m:</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Cuộc đánh giá</translation>
    </message>
    <message>
        <source>Auditors</source>
        <translation>Người đánh giá</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Đã trả lời</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Câu hỏi</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>What was seen, evidence</source>
        <translation>Quan sát, bằng chứng</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>Internal audit</source>
        <translation>Đánh giá nội bộ</translation>
    </message>
    <message>
        <source>approved on %1 by %2</source>
        <translation>đã phê duyệt ngày %1 (%2)</translation>
    </message>
    <message>
        <source>not approved yet</source>
        <translation>chưa phê duyệt</translation>
    </message>
    <message>
        <source>Programme: %1 audits, %2 reported; %3.</source>
        <translation>Chương trình: %1 cuộc đánh giá, %2 đã báo cáo; %3.</translation>
    </message>
    <message>
        <source>Approve the programme</source>
        <translation>Phê duyệt chương trình</translation>
    </message>
    <message>
        <source>Approve the internal audit programme of %1. Note (optional):</source>
        <translation>Phê duyệt chương trình đánh giá nội bộ năm %1. Ghi chú (nếu có):</translation>
    </message>
    <message>
        <source>Audit report</source>
        <translation>Báo cáo đánh giá</translation>
    </message>
    <message>
        <source>%1 questions are not answered yet: the report printed now is a draft.</source>
        <translation>Còn %1 câu hỏi chưa trả lời: báo cáo in lúc này là dự thảo.</translation>
    </message>
    <message>
        <source>Conclusion of the lead auditor (closes the audit):</source>
        <translation>Kết luận của trưởng đoàn (kết thúc cuộc đánh giá):</translation>
    </message>
    <message>
        <source>Save the audit report</source>
        <translation>Lưu báo cáo đánh giá</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Tệp Word (*.docx)</translation>
    </message>
</context>
<context>
    <name>IsoCyclePage</name>
    <message>
        <source>&amp;Declare conformity…</source>
        <translation>&amp;Công bố hệ thống…</translation>
    </message>
    <message>
        <source>Management &amp;review report…</source>
        <translation>Báo cáo &amp;xem xét của lãnh đạo…</translation>
    </message>
    <message>
        <source>Record the &amp;meeting…</source>
        <translation>Ghi biên bản &amp;họp…</translation>
    </message>
    <message>
        <source>Approve the meetin&amp;g record</source>
        <translation>Phê duyệt &amp;biên bản họp</translation>
    </message>
    <message>
        <source>Meeting minu&amp;tes…</source>
        <translation>Biên bản họp (&amp;Word)…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <source>&amp;Raise a finding…</source>
        <translation>&amp;Ghi phát hiện…</translation>
    </message>
    <message>
        <source>&amp;Plan the action…</source>
        <translation>Giao &amp;hành động khắc phục…</translation>
    </message>
    <message>
        <source>Action &amp;done…</source>
        <translation>Ghi &amp;kết quả thực hiện…</translation>
    </message>
    <message>
        <source>&amp;Verify effectiveness…</source>
        <translation>Đánh giá &amp;hiệu lực…</translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation>Đó&amp;ng…</translation>
    </message>
    <message>
        <source>Findings and corrective actions</source>
        <translation>Phát hiện và hành động khắc phục</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Quá trình</translation>
    </message>
    <message>
        <source>Risk or opportunity</source>
        <translation>Rủi ro hoặc cơ hội</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Mức</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>Biện pháp xử lý</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>Xem xét lại</translation>
    </message>
    <message>
        <source>Add a ris&amp;k…</source>
        <translation>Thêm &amp;rủi ro, cơ hội…</translation>
    </message>
    <message>
        <source>Review the &amp;line…</source>
        <translation>Xem xét &amp;lại dòng…</translation>
    </message>
    <message>
        <source>Risks and opportunities</source>
        <translation>Rủi ro và cơ hội</translation>
    </message>
    <message>
        <source>ISO cycle of the year</source>
        <translation>Chu kỳ ISO trong năm</translation>
    </message>
    <message>
        <source> — overdue</source>
        <translation> — quá hạn</translation>
    </message>
    <message>
        <source>Save the management review report</source>
        <translation>Lưu báo cáo xem xét của lãnh đạo</translation>
    </message>
    <message>
        <source>Approve the meeting record</source>
        <translation>Phê duyệt biên bản họp</translation>
    </message>
    <message>
        <source>Approve the record of management review %1 held on %2?</source>
        <translation>Phê duyệt biên bản họp xem xét của lãnh đạo %1 ngày %2?</translation>
    </message>
    <message>
        <source>Save the meeting minutes</source>
        <translation>Lưu biên bản họp</translation>
    </message>
    <message>
        <source>Action done</source>
        <translation>Kết quả thực hiện</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>Đã thực hiện những gì:</translation>
    </message>
    <message>
        <source>Verify effectiveness</source>
        <translation>Đánh giá hiệu lực</translation>
    </message>
    <message>
        <source>Did the action work?</source>
        <translation>Hành động khắc phục có hiệu lực không?</translation>
    </message>
    <message>
        <source>Effective: close the finding</source>
        <translation>Có hiệu lực: đóng phát hiện</translation>
    </message>
    <message>
        <source>Not effective: plan again</source>
        <translation>Không hiệu lực: giao lại hành động</translation>
    </message>
    <message>
        <source>What was checked, and the result:</source>
        <translation>Đã kiểm tra những gì, kết quả ra sao:</translation>
    </message>
    <message>
        <source>Close the finding</source>
        <translation>Đóng phát hiện</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <source>Declaration of conformity (công bố)</source>
        <translation>Công bố hệ thống quản lý chất lượng</translation>
    </message>
    <message>
        <source>No declaration made yet.</source>
        <translation>Chưa công bố.</translation>
    </message>
    <message>
        <source>The declaration holds.</source>
        <translation>Công bố hiện có vẫn đúng phạm vi.</translation>
    </message>
    <message>
        <source>Legal updates</source>
        <translation>Cập nhật theo văn bản pháp luật</translation>
    </message>
    <message>
        <source>No process document owes an update.</source>
        <translation>Không có quy trình nào phải cập nhật.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Decision %1 of %2, %3, %4 procedures in scope.</source>
        <translation>Quyết định số %1 ngày %2, %3, phạm vi %4 thủ tục.</translation>
    </message>
    <message>
        <source>A declaration is due:</source>
        <translation>Cần công bố:</translation>
    </message>
    <message>
        <source>A new declaration is due:</source>
        <translation>Cần công bố lại:</translation>
    </message>
    <message>
        <source>due for periodic review</source>
        <translation>đến hạn xem xét định kỳ</translation>
    </message>
    <message>
        <source>waiting for review</source>
        <translation>chờ xem xét</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation>chờ phê duyệt</translation>
    </message>
    <message>
        <source>sent back to the drafter</source>
        <translation>bị trả lại người soạn thảo</translation>
    </message>
    <message>
        <source>copies to recall</source>
        <translation>bản cần thu hồi</translation>
    </message>
    <message>
        <source>copies to be signed for</source>
        <translation>bản chờ ký nhận</translation>
    </message>
    <message>
        <source>Internal audit</source>
        <translation>Đánh giá nội bộ</translation>
    </message>
    <message>
        <source>No internal audit is planned this year: the law asks for one at least.</source>
        <translation>Năm nay chưa có cuộc đánh giá nội bộ nào trong chương trình: pháp luật yêu cầu ít nhất một lần mỗi năm.</translation>
    </message>
    <message>
        <source>approved on %1</source>
        <translation>đã phê duyệt ngày %1</translation>
    </message>
    <message>
        <source>not approved yet</source>
        <translation>chưa phê duyệt</translation>
    </message>
    <message>
        <source>Programme %1: %2 audits planned, %3 reported.</source>
        <translation>Chương trình đánh giá %1: %2 cuộc đánh giá theo kế hoạch, %3 đã báo cáo.</translation>
    </message>
    <message>
        <source>Next: %1 on %2 (%3).</source>
        <translation>Tiếp theo: %1 ngày %2 (%3).</translation>
    </message>
    <message>
        <source>Management review</source>
        <translation>Xem xét của lãnh đạo</translation>
    </message>
    <message>
        <source>No management review recorded this year: the law asks for one at least.</source>
        <translation>Năm nay chưa ghi cuộc họp xem xét của lãnh đạo nào: pháp luật yêu cầu ít nhất một lần mỗi năm.</translation>
    </message>
    <message>
        <source>Meeting %1 of %2, chaired by %3: %4 decisions, %5 still open; %6.</source>
        <translation>Cuộc họp %1 ngày %2, chủ trì: %3; %4 quyết định, %5 còn mở; %6.</translation>
    </message>
    <message>
        <source>record approved</source>
        <translation>biên bản đã phê duyệt</translation>
    </message>
    <message>
        <source>record not approved yet</source>
        <translation>biên bản chưa phê duyệt</translation>
    </message>
    <message>
        <source>Declare conformity</source>
        <translation>Công bố hệ thống quản lý chất lượng</translation>
    </message>
    <message>
        <source>No process document is in force: there is nothing to declare.</source>
        <translation>Chưa có quy trình nào đang hiệu lực: chưa có gì để công bố.</translation>
    </message>
    <message>
        <source>Number of the decision (empty: left for the office to write):</source>
        <translation>Số quyết định (để trống: văn thư ghi khi ban hành):</translation>
    </message>
    <message>
        <source>Save the decision</source>
        <translation>Lưu quyết định công bố</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Tệp Word (*.docx)</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>LedgerPanel</name>
    <message>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>Mọi lĩnh vực</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Mọi kênh tiếp nhận</translation>
    </message>
    <message>
        <source>procedure code</source>
        <translation>mã thủ tục</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Tiếp nhận từ</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>X&amp;uất…</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>Book:</source>
        <translation>Quyển:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2 / %3</translation>
    </message>
    <message>
        <source>Export the tracking book</source>
        <translation>Xuất Sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;PDF (*.pdf)</source>
        <translation>Bảng tính Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ListTable</name>
    <message>
        <source>&amp;Add a row</source>
        <extracomment>a column of check boxes rather than text (a new row&apos;s starts unchecked)</extracomment>
        <translation>&amp;Thêm dòng</translation>
    </message>
    <message>
        <source>Re&amp;move the row</source>
        <translation>&amp;Xóa dòng</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Chuyển &amp;lên</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — isoqms</source>
        <translation>Đăng nhập — isoqms</translation>
    </message>
    <message>
        <source>ISO document control and one-stop counter</source>
        <translation>Quản lý tài liệu ISO và bộ phận một cửa</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Demo database: sign in as admin, iso_secretary, reviewer, approver, clerk, officer, internal_auditor or auditor, password &lt;b&gt;demo&lt;/b&gt;.</source>
        <translation>Dữ liệu mẫu: đăng nhập bằng admin, iso_secretary, reviewer, approver, clerk, officer, internal_auditor hoặc auditor, mật khẩu &lt;b&gt;demo&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>isoqms — %s</source>
        <extracomment>an automatic backup ended: its BackupInfo, None (one was made today already) or the error that stopped it</extracomment>
        <translation>isoqms — %s</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>ISO documents</source>
        <translation>Tài liệu ISO</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>Đổi &amp;mật khẩu…</translation>
    </message>
    <message>
        <source>My signing &amp;token…</source>
        <translation>&amp;Thiết bị ký số của tôi…</translation>
    </message>
    <message>
        <source>&amp;Verify a signed PDF…</source>
        <translation>&amp;Kiểm tra chữ ký số của tệp PDF…</translation>
    </message>
    <message>
        <source>&amp;Unit&apos;s digital signature…</source>
        <translation>Ký số của đơn &amp;vị…</translation>
    </message>
    <message>
        <source>Trusted &amp;root certificates…</source>
        <translation>Chứng thư &amp;gốc tin cậy…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ giú&amp;p</translation>
    </message>
    <message>
        <source>&amp;About isoqms</source>
        <translation>&amp;Giới thiệu isoqms</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the program.</source>
        <translation>Ngôn ngữ mới được áp dụng từ lần khởi động chương trình tiếp theo.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;isoqms %1&lt;/h3&gt;&lt;p&gt;ISO 9001 document control of administrative procedures and the one-stop counter of a commune: dossier intake, receipts and appointment slips, tracking, reports, audit trail.&lt;/p&gt;&lt;p&gt;Unit: %2&lt;br&gt;Database: %3&lt;/p&gt;&lt;p&gt;Fonts: Noto Sans and Noto Serif, SIL Open Font License 1.1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;isoqms %1&lt;/h3&gt;&lt;p&gt;Quản lý tài liệu ISO 9001 đối với thủ tục hành chính và bộ phận một cửa cấp xã: tiếp nhận hồ sơ, giấy tiếp nhận và hẹn trả kết quả, theo dõi, báo cáo, nhật ký kiểm tra.&lt;/p&gt;&lt;p&gt;Đơn vị: %2&lt;br&gt;Cơ sở dữ liệu: %3&lt;/p&gt;&lt;p&gt;Phông chữ: Noto Sans và Noto Serif, giấy phép SIL Open Font License 1.1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About isoqms</source>
        <translation>Giới thiệu isoqms</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Đã đổi mật khẩu.</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Đã khôi phục</translation>
    </message>
    <message>
        <source>The data was restored from the backup. Sign in again to go on.</source>
        <translation>Dữ liệu đã được khôi phục từ bản sao lưu. Hãy đăng nhập lại để làm tiếp.</translation>
    </message>
    <message>
        <source>DEMO DATA</source>
        <translation>DỮ LIỆU MẪU</translation>
    </message>
    <message>
        <source>Checking data integrity…</source>
        <translation>Đang kiểm tra tính toàn vẹn dữ liệu…</translation>
    </message>
    <message>
        <source>No official schedule for %1</source>
        <translation>Chưa có lịch nghỉ chính thức năm %1</translation>
    </message>
    <message>
        <source>No official holiday schedule for %1: appointments falling in Tết, 30/4–1/5 or 2/9 are computed by the Labour Code (art. 112) and may change when the schedule is published — import it when it is (Administration → Working-day calendar, or isoqms calendar import).</source>
        <translation>Chưa có lịch nghỉ chính thức năm %1: ngày hẹn rơi vào dịp Tết, 30/4–1/5, 2/9 đang tính theo Bộ luật Lao động (điều 112) và có thể đổi khi lịch được công bố — nhập lịch khi có (Quản trị → Lịch làm việc, hoặc isoqms calendar import).</translation>
    </message>
    <message>
        <source>Data intact (event %1, checked %2)</source>
        <translation>Dữ liệu nguyên vẹn (sự kiện %1, kiểm lúc %2)</translation>
    </message>
    <message>
        <source>Data intact (%1): the log&apos;s %2 events, hash chain matches; %3 stored files, hashes match; %4 records match their seals (checked %5 events, %6 files).</source>
        <translation>Dữ liệu nguyên vẹn (%1): nhật ký %2 sự kiện, chuỗi băm khớp; %3 tệp lưu trữ, mã băm khớp; %4 bản ghi khớp niêm phong (đã kiểm %5 sự kiện, %6 tệp).</translation>
    </message>
    <message>
        <source>new part checked</source>
        <translation>kiểm tra phần mới</translation>
    </message>
    <message>
        <source>all checked</source>
        <translation>kiểm tra toàn bộ</translation>
    </message>
    <message>
        <source>Not compared with an outside checkpoint.</source>
        <translation>Chưa đối chiếu mốc kiểm tra ngoài.</translation>
    </message>
    <message>
        <source>Matches the checkpoint of %1 (event %2); %3 events recorded after it.</source>
        <translation>Khớp mốc kiểm tra lập ngày %1 (sự kiện số %2); %3 sự kiện ghi sau mốc.</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>Người dùng: %1 (%2)</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Đơn vị: %1</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>Chưa sao lưu</translation>
    </message>
    <message>
        <source>Backup: %1</source>
        <translation>Sao lưu: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source> · checkpoint: %1</source>
        <translation> · mốc kiểm tra: %1</translation>
    </message>
    <message>
        <source>Automatic backups: %1. Last checkpoint kept outside the database: %2.</source>
        <translation>Sao lưu tự động vào: %1. Mốc kiểm tra giữ bên ngoài gần nhất: %2.</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Chưa sao lưu được</translation>
    </message>
    <message>
        <source>The backup failed; see the error log.</source>
        <translation>Sao lưu không thành công; xem nhật ký lỗi.</translation>
    </message>
    <message>
        <source>Backing up before closing…</source>
        <translation>Đang sao lưu trước khi đóng…</translation>
    </message>
</context>
<context>
    <name>NewDocumentDialog</name>
    <message>
        <source>New controlled document</source>
        <translation>Tài liệu mới</translation>
    </message>
    <message>
        <source>procedure code, for a process document</source>
        <translation>mã thủ tục, với quy trình TTHC</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Loại:</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Mã hiệu:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Tên tài liệu:</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Đơn vị/người chủ trì:</translation>
    </message>
    <message>
        <source>Procedure (TTHC):</source>
        <translation>Thủ tục (TTHC):</translation>
    </message>
</context>
<context>
    <name>NewRevisionDialog</name>
    <message>
        <source>New revision of %1</source>
        <translation>Lần ban hành mới của %1</translation>
    </message>
    <message>
        <source>e.g. section 5, pages 3–4</source>
        <translation>ví dụ: mục 5, trang 3–4</translation>
    </message>
    <message>
        <source>New issue</source>
        <translation>Ban hành lần mới</translation>
    </message>
    <message>
        <source>Amendment of the current issue</source>
        <translation>Sửa đổi lần ban hành hiện hành</translation>
    </message>
    <message>
        <source>What changes:</source>
        <translation>Nội dung ban hành / sửa đổi:</translation>
    </message>
    <message>
        <source>Places changed:</source>
        <translation>Vị trí sửa đổi:</translation>
    </message>
</context>
<context>
    <name>ObjectiveDialog</name>
    <message>
        <source>New quality objective</source>
        <translation>Mục tiêu chất lượng mới</translation>
    </message>
    <message>
        <source>≥ 99% of dossiers resolved before or on time</source>
        <translation>≥ 99% hồ sơ được giải quyết trước và đúng hạn</translation>
    </message>
    <message>
        <source>Objective:</source>
        <translation>Mục tiêu:</translation>
    </message>
    <message>
        <source>Measured by:</source>
        <translation>Đo bằng chỉ số:</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Chỉ tiêu:</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Phạm vi:</translation>
    </message>
    <message>
        <source>Field or procedure code:</source>
        <translation>Lĩnh vực hoặc mã thủ tục:</translation>
    </message>
    <message>
        <source>Evaluated:</source>
        <translation>Kỳ đánh giá:</translation>
    </message>
</context>
<context>
    <name>ObjectivesModel</name>
    <message>
        <source>Objective</source>
        <translation>Mục tiêu</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Latest period</source>
        <translation>Kỳ gần nhất</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Đánh giá</translation>
    </message>
    <message>
        <source>Periods of the year</source>
        <translation>Các kỳ trong năm</translation>
    </message>
    <message>
        <source>No figures yet</source>
        <translation>Chưa có số liệu</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>Không đạt</translation>
    </message>
</context>
<context>
    <name>ObjectivesPanel</name>
    <message>
        <source>&amp;New objective…</source>
        <translation>&amp;Thêm mục tiêu…</translation>
    </message>
    <message>
        <source>&amp;Stop using…</source>
        <translation>&amp;Thôi áp dụng…</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>Figures come from the dossiers themselves (Reports → Statistics); nobody types them.</source>
        <translation>Số liệu lấy trực tiếp từ hồ sơ (Báo cáo → Thống kê), không nhập tay.</translation>
    </message>
    <message>
        <source>Stop using the objective</source>
        <translation>Thôi áp dụng mục tiêu</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Lý do:</translation>
    </message>
</context>
<context>
    <name>PackPanel</name>
    <message>
        <source>Pack for the &amp;document…</source>
        <translation>Lập hồ sơ của tài &amp;liệu…</translation>
    </message>
    <message>
        <source>Pack for the &amp;period…</source>
        <translation>Lập hồ sơ &amp;của kỳ…</translation>
    </message>
    <message>
        <source>&amp;Check a pack…</source>
        <translation>&amp;Kiểm tra hồ sơ chứng cứ…</translation>
    </message>
    <message>
        <source>Optional: a checkpoint file, a backup, or NUMBER:HASH from a checkpoint page</source>
        <translation>Không bắt buộc: tệp mốc kiểm tra, bản sao lưu, hoặc SỐ:MÃ-BĂM trên trang mốc</translation>
    </message>
    <message>
        <source>Choose chec&amp;kpoint…</source>
        <translation>Chọn &amp;mốc…</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <source>A pack is one .zip: a PDF summary (history, signatures, distribution, print log), the files of every revision, the audit events linked up to the head of the log, its checkpoint and a manifest with the SHA-256 of every file. It can be checked without this program. Checked against a checkpoint you already hold (printed in the minutes, kept with a backup), it proves its events belong to that log; its own hashes alone prove nothing against a forger.</source>
        <translation>Hồ sơ chứng cứ là một tệp .zip: bản tóm tắt PDF (lịch sử, chữ ký, phân phối, nhật ký in), tệp của mọi lần ban hành, các sự kiện nhật ký nối liền tới sự kiện cuối, mốc kiểm tra của nhật ký và bảng kê SHA-256 của mọi tệp. Có thể kiểm tra mà không cần chương trình này. Đối chiếu với một mốc kiểm tra anh/chị đã giữ từ trước (in trong biên bản, đi kèm bản sao lưu), nó chứng minh các sự kiện thuộc đúng nhật ký đó; riêng các mã băm của gói không chứng minh được gì trước người cố ý làm giả.</translation>
    </message>
    <message>
        <source>against</source>
        <translation>đối chiếu với</translation>
    </message>
    <message>
        <source>Save the evidence pack</source>
        <translation>Lưu hồ sơ chứng cứ</translation>
    </message>
    <message>
        <source>Type the document code first.</source>
        <translation>Hãy nhập mã tài liệu trước.</translation>
    </message>
    <message>
        <source>Evidence pack saved: %1</source>
        <translation>Đã lưu hồ sơ chứng cứ: %1</translation>
    </message>
    <message>
        <source>It holds the log up to now in full, with citizens&apos; names, ID and phone numbers: give it only to those entitled to inspect.</source>
        <translation>Gói chứa nguyên phần nhật ký tới lúc lập, kể cả họ tên, số định danh, số điện thoại của công dân: chỉ giao cho người có thẩm quyền kiểm tra.</translation>
    </message>
    <message>
        <source>Checkpoint to check against</source>
        <translation>Mốc kiểm tra để đối chiếu</translation>
    </message>
    <message>
        <source>Checkpoint or backup (*.json *.isoqms-backup);;All files (*)</source>
        <translation>Mốc kiểm tra hoặc bản sao lưu (*.json *.isoqms-backup);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Check an evidence pack</source>
        <translation>Kiểm tra hồ sơ chứng cứ</translation>
    </message>
</context>
<context>
    <name>PapersModel</name>
    <message>
        <source>Handed in</source>
        <translation>Đã nộp</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Certified</source>
        <translation>Bản sao CT</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <source> (if applicable)</source>
        <translation> (nếu có)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password:</source>
        <translation>Mật khẩu mới:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Corrective action</source>
        <translation>Hành động khắc phục</translation>
    </message>
    <message>
        <source>Immediate &amp;correction:</source>
        <translation>&amp;Khắc phục tức thời:</translation>
    </message>
    <message>
        <source>Root c&amp;ause:</source>
        <translation>&amp;Nguyên nhân gốc:</translation>
    </message>
    <message>
        <source>Corrective &amp;action:</source>
        <translation>&amp;Hành động khắc phục:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>Người &amp;thực hiện:</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>Hạ&amp;n hoàn thành:</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>80 mm roll</source>
        <extracomment>A paper drawn for a paper size (&quot;a5&quot;, &quot;a4&quot;, &quot;80mm&quot;), on a worker thread. signs the paper shown: (database, person, PIN, paper size, where the PDF goes) a receipt slip&apos;s dossier or a notice: when the unit signs slips and notices, &quot;Save PDF with digital signature&quot; signs it with the unit&apos;s certificate (services.token_signing)</extracomment>
        <translation>Giấy cuộn 80 mm</translation>
    </message>
    <message>
        <source>&amp;Print… (Ctrl+P)</source>
        <translation>&amp;In… (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Lưu PDF…</translation>
    </message>
    <message>
        <source>Save PDF with digital si&amp;gnature…</source>
        <translation>Lưu PDF có &amp;ký số…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Khổ giấy:</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Không khởi động được máy in.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Lưu ra tệp PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>the unit&apos;s certificate</source>
        <translation>chứng thư của đơn vị</translation>
    </message>
</context>
<context>
    <name>PrintsModel</name>
    <message>
        <source>Printed</source>
        <translation>Thời điểm in</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người in</translation>
    </message>
    <message>
        <source>Form revision</source>
        <translation>Biểu mẫu (lần)</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>In lại</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>nguyên vẹn</translation>
    </message>
    <message>
        <source>CHANGED OR MISSING</source>
        <translation>BỊ THAY ĐỔI HOẶC MẤT</translation>
    </message>
</context>
<context>
    <name>ProcedureContentDialog</name>
    <message>
        <source>Procedure content — %1, draft of %2 issue %3</source>
        <translation>Nội dung thủ tục — %1, dự thảo %2 lần %3</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>ngày làm việc</translation>
    </message>
    <message>
        <source>days (rest days included)</source>
        <translation>ngày (tính cả ngày nghỉ)</translation>
    </message>
    <message>
        <source>working hours</source>
        <translation>giờ làm việc</translation>
    </message>
    <message>
        <source>same day</source>
        <translation>trong ngày</translation>
    </message>
    <message>
        <source>HH:MM, empty if none</source>
        <translation>HH:MM, để trống nếu không có</translation>
    </message>
    <message>
        <source>as at the desk</source>
        <translation>như nộp trực tiếp</translation>
    </message>
    <message>
        <source>One document per line</source>
        <translation>Mỗi văn bản một dòng</translation>
    </message>
    <message>
        <source>Cut-off:</source>
        <translation>Giờ chốt:</translation>
    </message>
    <message>
        <source>Processing &amp;time:</source>
        <translation>&amp;Thời hạn giải quyết:</translation>
    </message>
    <message>
        <source>&amp;Fee:</source>
        <translation>&amp;Phí, lệ phí:</translation>
    </message>
    <message>
        <source>Fee &amp;online:</source>
        <translation>Phí nộp trực t&amp;uyến:</translation>
    </message>
    <message>
        <source>Fee by &amp;post:</source>
        <translation>Phí nộp qua &amp;bưu chính:</translation>
    </message>
    <message>
        <source>Number of &amp;sets:</source>
        <translation>&amp;Số bộ hồ sơ:</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Kết quả:</translation>
    </message>
    <message>
        <source>&amp;Where to hand in:</source>
        <translation>&amp;Nơi tiếp nhận, trả kết quả:</translation>
    </message>
    <message>
        <source>&amp;Conditions:</source>
        <translation>Điều &amp;kiện thực hiện:</translation>
    </message>
    <message>
        <source>&amp;Legal basis:</source>
        <translation>Căn cứ &amp;pháp lý:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Certified copies</source>
        <translation>Bản sao chứng thực</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <source>Blank form</source>
        <translation>Mẫu đơn, tờ khai</translation>
    </message>
    <message>
        <source>Only if any</source>
        <translation>Nếu có</translation>
    </message>
    <message>
        <source>Work (step)</source>
        <translation>Nội dung công việc</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Trách nhiệm</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Form / result</source>
        <translation>Biểu mẫu / kết quả</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Chung</translation>
    </message>
    <message>
        <source>&amp;Papers</source>
        <translation>T&amp;hành phần hồ sơ</translation>
    </message>
    <message>
        <source>St&amp;eps</source>
        <translation>&amp;Các bước</translation>
    </message>
    <message>
        <source>&amp;What changes</source>
        <translation>Những &amp;gì thay đổi</translation>
    </message>
    <message>
        <source>&amp;Save to the draft</source>
        <translation>&amp;Lưu vào dự thảo</translation>
    </message>
    <message>
        <source>No content approved yet: all of it is new.</source>
        <translation>Chưa có nội dung nào được phê duyệt: toàn bộ là mới.</translation>
    </message>
    <message>
        <source>The same as the content last approved.</source>
        <translation>Giống nội dung đã phê duyệt gần nhất.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>Đang áp dụng</translation>
    </message>
    <message>
        <source>In this draft</source>
        <translation>Trong dự thảo</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Delete</source>
        <extracomment>Qt&apos;s file dialog, print dialog and page set-up (non-native dialogs, Linux).</extracomment>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Tìm trong:</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Thư &amp;mục mới</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Đổi &amp;tên</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Xem dạng chi tiết</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Xem dạng danh sách</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Tạo thư mục mới</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Tạo một thư mục mới</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Xem chi tiết</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>Tên &amp;tệp:</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Loại tệp:</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Lên thư mục cha</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Xem danh sách</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Các nơi thường dùng</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Thư mục cha</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>Hiện </translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Hiện tệp ẩ&amp;n</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Thanh bên</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Ngày sửa</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>C&amp;hép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Custom</source>
        <translation>Tùy chỉnh</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Cao:</translation>
    </message>
    <message>
        <source>Inches (in)</source>
        <translation>Inch (in)</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Ngang</translation>
    </message>
    <message>
        <source>Margins</source>
        <translation>Lề</translation>
    </message>
    <message>
        <source>Millimeters (mm)</source>
        <translation>Milimét (mm)</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Hướng giấy</translation>
    </message>
    <message>
        <source>Page &amp;order:</source>
        <translation>&amp;Thứ tự trang:</translation>
    </message>
    <message>
        <source>Page Layout</source>
        <translation>Bố cục trang</translation>
    </message>
    <message>
        <source>Page size:</source>
        <translation>Khổ giấy:</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>Số trang &amp;mỗi tờ:</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Giấy</translation>
    </message>
    <message>
        <source>Paper source:</source>
        <translation>Khay giấy:</translation>
    </message>
    <message>
        <source>Points (pt)</source>
        <translation>Điểm (pt)</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Dọc</translation>
    </message>
    <message>
        <source>Reverse landscape</source>
        <translation>Ngang, đảo chiều</translation>
    </message>
    <message>
        <source>Reverse portrait</source>
        <translation>Dọc, đảo chiều</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Rộng:</translation>
    </message>
    <message>
        <source>bottom margin</source>
        <translation>lề dưới</translation>
    </message>
    <message>
        <source>left margin</source>
        <translation>lề trái</translation>
    </message>
    <message>
        <source>right margin</source>
        <translation>lề phải</translation>
    </message>
    <message>
        <source>top margin</source>
        <translation>lề trên</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
</context>
<context>
    <name>QPrintDialog</name>
    <message>
        <source>&amp;Options &lt;&lt;</source>
        <translation>&amp;Tùy chọn &lt;&lt;</translation>
    </message>
    <message>
        <source>&amp;Options &gt;&gt;</source>
        <translation>&amp;Tùy chọn &gt;&gt;</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;In</translation>
    </message>
    <message>
        <source>All Pages</source>
        <translation>Mọi trang</translation>
    </message>
    <message>
        <source>Even Pages</source>
        <translation>Trang chẵn</translation>
    </message>
    <message>
        <source>Odd Pages</source>
        <translation>Trang lẻ</translation>
    </message>
    <message>
        <source>Local file</source>
        <translation>Tệp trên máy</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Print to File (PDF)</source>
        <translation>In ra tệp (PDF)</translation>
    </message>
    <message>
        <source>Write PDF file</source>
        <translation>Ghi tệp PDF</translation>
    </message>
    <message>
        <source>Bottom to Top, Left to Right</source>
        <translation>Dưới lên trên, trái sang phải</translation>
    </message>
    <message>
        <source>Bottom to Top, Right to Left</source>
        <translation>Dưới lên trên, phải sang trái</translation>
    </message>
    <message>
        <source>Left to Right, Bottom to Top</source>
        <translation>Trái sang phải, dưới lên trên</translation>
    </message>
    <message>
        <source>Left to Right, Top to Bottom</source>
        <translation>Trái sang phải, trên xuống dưới</translation>
    </message>
    <message>
        <source>Right to Left, Bottom to Top</source>
        <translation>Phải sang trái, dưới lên trên</translation>
    </message>
    <message>
        <source>Right to Left, Top to Bottom</source>
        <translation>Phải sang trái, trên xuống dưới</translation>
    </message>
    <message>
        <source>Top to Bottom, Left to Right</source>
        <translation>Trên xuống dưới, trái sang phải</translation>
    </message>
    <message>
        <source>Top to Bottom, Right to Left</source>
        <translation>Trên xuống dưới, phải sang trái</translation>
    </message>
</context>
<context>
    <name>QPrintPreviewDialog</name>
    <message>
        <source>Page Setup</source>
        <translation>Thiết lập trang</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Collate</source>
        <translation>Sắp theo bộ</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Color Mode</source>
        <translation>Chế độ màu</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <source>Copies:</source>
        <translation>Số bản:</translation>
    </message>
    <message>
        <source>Current Page</source>
        <translation>Trang hiện tại</translation>
    </message>
    <message>
        <source>Double Sided Printing</source>
        <translation>In hai mặt</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Thang xám</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Lật theo cạnh dài</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Tắt</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <source>Output Settings</source>
        <translation>Thiết lập in</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Nhóm trang:</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Pages from</source>
        <translation>Từ trang</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>In tất cả</translation>
    </message>
    <message>
        <source>Print range</source>
        <translation>Phạm vi in</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>In ngược thứ tự</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Phần đã chọn</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Lật theo cạnh ngắn</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Ghi các trang hoặc khoảng trang, cách nhau bởi dấu phẩy; một khoảng là hai số nối bằng dấu gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
</context>
<context>
    <name>QPrintWidget</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Vị trí:</translation>
    </message>
    <message>
        <source>Output &amp;file:</source>
        <translation>Tệp &amp;ra:</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>Th&amp;uộc tính</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Máy in</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Loại:</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Scroll Left</source>
        <translation>Cuộn trái</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>Cuộn phải</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Dossier code</source>
        <extracomment>results ready longer than this many days wait too long (the unit&apos;s setting)</extracomment>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Đang giữ</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Result waiting for %1 days</source>
        <translation>Kết quả đã chờ %1 ngày</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Enter starts a new line; Ctrl+Enter confirms.</source>
        <translation>Enter để xuống dòng; Ctrl+Enter để đồng ý.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Change the record</source>
        <translation>Sửa hồ sơ trong danh mục</translation>
    </message>
    <message>
        <source>Add a record</source>
        <translation>Thêm hồ sơ vào danh mục</translation>
    </message>
    <message>
        <source>permanent, 70 years, 10 years …</source>
        <translation>Vĩnh viễn, 70 năm, 10 năm …</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>Tên hồ sơ:</translation>
    </message>
    <message>
        <source>Document (code):</source>
        <translation>Thuộc tài liệu (mã hiệu):</translation>
    </message>
    <message>
        <source>Kept by:</source>
        <translation>Nơi lưu / trách nhiệm lưu:</translation>
    </message>
    <message>
        <source>Retention:</source>
        <translation>Thời gian lưu:</translation>
    </message>
    <message>
        <source>Medium:</source>
        <translation>Hình thức lưu:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Ghi chú:</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Record</source>
        <translation>Tên hồ sơ</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Thuộc tài liệu</translation>
    </message>
    <message>
        <source>Kept by</source>
        <translation>Nơi lưu / trách nhiệm lưu</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Thời gian lưu</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Hình thức lưu</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>&amp;Remove from the list…</source>
        <translation>&amp;Bỏ khỏi danh mục…</translation>
    </message>
    <message>
        <source>Records list</source>
        <translation>Danh mục hồ sơ</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Bỏ khỏi danh mục</translation>
    </message>
    <message>
        <source>Reason (the line is kept in history):</source>
        <translation>Lý do (dòng này vẫn được lưu trong lịch sử):</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên tài liệu</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Lần</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Hiệu lực từ</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source> · draft pending</source>
        <translation> · đang có dự thảo</translation>
    </message>
    <message>
        <source> · in review</source>
        <translation> · đang xem xét</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>&amp;New document…</source>
        <extracomment>What each person&apos;s list of things to do holds by default (the rest under &quot;All&quot;).</extracomment>
        <translation>Tài liệu &amp;mới…</translation>
    </message>
    <message>
        <source>New &amp;revision…</source>
        <translation>Dự thảo lần &amp;mới…</translation>
    </message>
    <message>
        <source>Attach &amp;file…</source>
        <translation>Đính kèm &amp;tệp…</translation>
    </message>
    <message>
        <source>Send &amp;back…</source>
        <translation>&amp;Trả lại…</translation>
    </message>
    <message>
        <source>&amp;Distribute a copy…</source>
        <translation>&amp;Phân phối bản…</translation>
    </message>
    <message>
        <source>Sign-s&amp;heet…</source>
        <translation>Danh sách &amp;ký nhận…</translation>
    </message>
    <message>
        <source>Co&amp;mpare…</source>
        <translation>&amp;So sánh…</translation>
    </message>
    <message>
        <source>Form &amp;texts…</source>
        <translation>Nội dung &amp;biểu mẫu…</translation>
    </message>
    <message>
        <source>&amp;Generate file</source>
        <translation>&amp;Tạo tệp quy trình</translation>
    </message>
    <message>
        <source>Attach the process document generated from the procedure content</source>
        <translation>Gắn tệp quy trình tạo từ nội dung thủ tục hành chính</translation>
    </message>
    <message>
        <source>&amp;Print a copy…</source>
        <translation>In &amp;bản sao…</translation>
    </message>
    <message>
        <source>E&amp;xport registers…</source>
        <translation>&amp;Xuất danh mục…</translation>
    </message>
    <message>
        <source>Search code, title or content…</source>
        <translation>Tìm theo mã hiệu, tên hoặc nội dung…</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>Tại ngày:</translation>
    </message>
    <message>
        <source>Edit procedure &amp;content…</source>
        <translation>Sửa &amp;nội dung thủ tục…</translation>
    </message>
    <message>
        <source>&amp;Submit for review…</source>
        <translation>&amp;Gửi xem xét (ký soạn thảo)…</translation>
    </message>
    <message>
        <source>Re&amp;viewed: sign…</source>
        <translation>Đã &amp;xem xét: ký…</translation>
    </message>
    <message>
        <source>&amp;Approve: sign…</source>
        <translation>&amp;Phê duyệt: ký…</translation>
    </message>
    <message>
        <source>Periodic review, &amp;no change…</source>
        <translation>Xem xét định kỳ, &amp;không sửa đổi…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Thu hồi tài liệu…</translation>
    </message>
    <message>
        <source>Copy signed &amp;for…</source>
        <translation>Ghi &amp;ký nhận bản…</translation>
    </message>
    <message>
        <source>Copy re&amp;called…</source>
        <translation>Ghi thu &amp;hồi bản…</translation>
    </message>
    <message>
        <source>Digital signat&amp;ure…</source>
        <translation>Chữ ký &amp;số…</translation>
    </message>
    <message>
        <source>Select a document to see what you can do with it.</source>
        <translation>Chọn một tài liệu để xem những việc bạn có thể làm.</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Việc của tôi</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>&amp;To do:</source>
        <translation>&amp;Việc cần làm:</translation>
    </message>
    <message>
        <source>Controlled documents</source>
        <translation>Tài liệu được kiểm soát</translation>
    </message>
    <message>
        <source>from</source>
        <translation>từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Lần ban hành</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Checked out by</source>
        <translation>Đang do người này giữ để sửa</translation>
    </message>
    <message>
        <source>Withdrawn from</source>
        <translation>Thu hồi từ</translation>
    </message>
    <message>
        <source>Periodic review</source>
        <translation>Xem xét định kỳ</translation>
    </message>
    <message>
        <source>Controlled copies</source>
        <translation>Các bản có kiểm soát</translation>
    </message>
    <message>
        <source>to recall</source>
        <translation>cần thu hồi</translation>
    </message>
    <message>
        <source>signed for by</source>
        <translation>ký nhận:</translation>
    </message>
    <message>
        <source>recalled</source>
        <translation>đã thu hồi</translation>
    </message>
    <message>
        <source>Nothing for you to do on this document now.</source>
        <translation>Hiện không có việc gì của bạn với tài liệu này.</translation>
    </message>
    <message>
        <source>Distribute a controlled copy</source>
        <translation>Phân phối bản có kiểm soát</translation>
    </message>
    <message>
        <source>Person or place receiving the copy:</source>
        <translation>Người / nơi nhận bản tài liệu:</translation>
    </message>
    <message>
        <source>No. %1 — %2 (issue %3)</source>
        <translation>Bản số %1 — %2 (lần %3)</translation>
    </message>
    <message>
        <source>Which copy:</source>
        <translation>Bản nào:</translation>
    </message>
    <message>
        <source>Copy signed for</source>
        <translation>Ký nhận bản tài liệu</translation>
    </message>
    <message>
        <source>Name of the person who signed for it:</source>
        <translation>Họ tên người ký nhận:</translation>
    </message>
    <message>
        <source>Copy recalled</source>
        <translation>Thu hồi bản tài liệu</translation>
    </message>
    <message>
        <source>Withdraw %1</source>
        <translation>Thu hồi %1</translation>
    </message>
    <message>
        <source>Reason for withdrawal:</source>
        <translation>Lý do thu hồi:</translation>
    </message>
    <message>
        <source>Withdrawn from (dd/mm/yyyy):</source>
        <translation>Thu hồi từ ngày (dd/mm/yyyy):</translation>
    </message>
    <message>
        <source>Periodic review of %1</source>
        <translation>Xem xét định kỳ %1</translation>
    </message>
    <message>
        <source>Reviewed and still fit, no change. Conclusion:</source>
        <translation>Đã xem xét, vẫn phù hợp, không sửa đổi. Kết luận:</translation>
    </message>
    <message>
        <source>Save the sign-sheet</source>
        <translation>Lưu danh sách ký nhận</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>This document has only one revision.</source>
        <translation>Tài liệu này mới có một lần ban hành.</translation>
    </message>
    <message>
        <source>Form texts</source>
        <translation>Nội dung biểu mẫu</translation>
    </message>
    <message>
        <source>Select a form with a draft revision to change its printed texts.</source>
        <translation>Chọn một biểu mẫu đang có dự thảo để sửa nội dung in.</translation>
    </message>
    <message>
        <source>Export the registers</source>
        <translation>Xuất danh mục tài liệu, hồ sơ</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;Word (*.docx);;PDF (*.pdf)</source>
        <translation>Excel (*.xlsx);;Word (*.docx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as .xlsx, .docx or .pdf.</source>
        <translation>Hãy lưu dưới dạng .xlsx, .docx hoặc .pdf.</translation>
    </message>
    <message>
        <source>Attach the document&apos;s file</source>
        <translation>Đính kèm tệp tài liệu</translation>
    </message>
    <message>
        <source>Documents (*.docx *.pdf *.xlsx)</source>
        <translation>Tài liệu (*.docx *.pdf *.xlsx)</translation>
    </message>
    <message>
        <source>Procedure content saved</source>
        <translation>Đã lưu nội dung thủ tục</translation>
    </message>
    <message>
        <source>File attached</source>
        <translation>Đã đính kèm tệp</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <source>Enter your password again to sign: %1</source>
        <translation>Nhập lại mật khẩu để ký: %1</translation>
    </message>
    <message>
        <source>Drafted</source>
        <translation>Soạn thảo</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Xem xét</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Phê duyệt</translation>
    </message>
    <message>
        <source>Effective from (dd/mm/yyyy):</source>
        <translation>Hiệu lực từ ngày (dd/mm/yyyy):</translation>
    </message>
    <message>
        <source>The date must be written dd/mm/yyyy.</source>
        <translation>Ngày phải viết dạng dd/mm/yyyy.</translation>
    </message>
    <message>
        <source>&amp;To do (%1):</source>
        <translation>&amp;Việc cần làm (%1):</translation>
    </message>
    <message>
        <source>&amp;To do: nothing</source>
        <translation>&amp;Việc cần làm: không có</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Phê duyệt</translation>
    </message>
    <message>
        <source>Digital signature of %1</source>
        <translation>Chữ ký số của %1</translation>
    </message>
    <message>
        <source>&amp;Save the signed PDF…</source>
        <translation>&amp;Lưu tệp PDF đã ký số…</translation>
    </message>
    <message>
        <source>Save the signed PDF</source>
        <translation>Lưu tệp PDF đã ký số</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>Trả lại dự thảo</translation>
    </message>
    <message>
        <source>Comment for the drafter:</source>
        <translation>Ý kiến gửi người soạn thảo:</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Statistics</source>
        <translation>Thống kê</translation>
    </message>
    <message>
        <source>Quality objectives</source>
        <translation>Mục tiêu chất lượng</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Management review meeting</source>
        <translation>Họp xem xét của lãnh đạo</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Carried out by</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <source>&amp;Add a decision</source>
        <translation>&amp;Thêm quyết định</translation>
    </message>
    <message>
        <source>Remo&amp;ve the decision</source>
        <translation>&amp;Xóa dòng quyết định</translation>
    </message>
    <message>
        <source>&amp;Held on:</source>
        <translation>&amp;Ngày họp:</translation>
    </message>
    <message>
        <source>C&amp;hair:</source>
        <translation>&amp;Chủ trì:</translation>
    </message>
    <message>
        <source>&amp;Participants:</source>
        <translation>Thành &amp;phần:</translation>
    </message>
    <message>
        <source>&amp;Conclusion:</source>
        <translation>&amp;Kết luận:</translation>
    </message>
    <message>
        <source>Decisions of the meeting (each one is followed up as an action):</source>
        <translation>Quyết định của cuộc họp (mỗi quyết định được theo dõi như một hành động):</translation>
    </message>
</context>
<context>
    <name>RiskDialog</name>
    <message>
        <source>Risk or opportunity</source>
        <translation>Rủi ro hoặc cơ hội</translation>
    </message>
    <message>
        <source>1 — low</source>
        <translation>1 — thấp</translation>
    </message>
    <message>
        <source>2 — medium</source>
        <translation>2 — trung bình</translation>
    </message>
    <message>
        <source>3 — high</source>
        <translation>3 — cao</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Loại:</translation>
    </message>
    <message>
        <source>&amp;Process (document code):</source>
        <translation>&amp;Quá trình (mã tài liệu):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Mô tả:</translation>
    </message>
    <message>
        <source>&amp;Likelihood:</source>
        <translation>&amp;Khả năng xảy ra:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Mức ảnh hưởng:</translation>
    </message>
    <message>
        <source>&amp;Action taken:</source>
        <translation>&amp;Biện pháp xử lý:</translation>
    </message>
    <message>
        <source>&amp;Next review:</source>
        <translation>&amp;Xem xét lại ngày:</translation>
    </message>
</context>
<context>
    <name>Signatures</name>
    <message>
        <source>This PDF carries no digital signature.</source>
        <translation>Tệp PDF này không có chữ ký số nào.</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Chứng thư</translation>
    </message>
    <message>
        <source>Verify a signed PDF</source>
        <translation>Kiểm tra chữ ký số của tệp PDF</translation>
    </message>
    <message>
        <source>Digital signatures of %1</source>
        <translation>Chữ ký số của %1</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>PIN of the signing token (%1):</source>
        <translation>Mã PIN của thiết bị ký số (%1):</translation>
    </message>
</context>
<context>
    <name>SignaturesModel</name>
    <message>
        <source>Issue</source>
        <translation>Lần ban hành</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Ý nghĩa</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Chức danh</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Content hash signed</source>
        <translation>Mã băm nội dung đã ký</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Khớp</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>KHÔNG</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <source>Document code, e.g. QT-HT-01</source>
        <translation>Mã tài liệu, vd. QT-HT-01</translation>
    </message>
    <message>
        <source>Show &amp;signatures</source>
        <translation>Xem &amp;chữ ký</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n lần ban hành</numerusform>
        </translation>
    </message>
    <message>
        <source>without signatures in the program (entered from paper, or not yet signed): %1</source>
        <translation>không có chữ ký trong chương trình (nhập từ bản giấy hoặc chưa ký): %1</translation>
    </message>
</context>
<context>
    <name>StatisticsPanel</name>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <source>First 6 months</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <source>First 9 months</source>
        <translation>9 tháng đầu năm</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>Cả năm</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>Từ ngày … đến ngày …</translation>
    </message>
    <message>
        <source>Overall only</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <source>By field</source>
        <translation>Theo lĩnh vực</translation>
    </message>
    <message>
        <source>By procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>X&amp;uất…</translation>
    </message>
    <message>
        <source>Raise a &amp;nonconformity…</source>
        <translation>Ghi sự &amp;không phù hợp…</translation>
    </message>
    <message>
        <source>Record a nonconformity (late dossiers, complaints) from these figures</source>
        <translation>Ghi sự không phù hợp (hồ sơ quá hạn, phản ánh) từ số liệu này</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <source>Word document (*.docx);;Excel workbook (*.xlsx)</source>
        <translation>Văn bản Word (*.docx);;Bảng tính Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>TokenDialog</name>
    <message>
        <source>Unit&apos;s digital signature</source>
        <translation>Ký số của đơn vị</translation>
    </message>
    <message>
        <source>My signing token</source>
        <translation>Thiết bị ký số của tôi</translation>
    </message>
    <message>
        <source>The signing token (USB token) of a licensed CA is used through its PKCS#11 library, installed with the token&apos;s software (for example C:\Windows\System32\vnpt-ca_csp11.dll). The PIN is asked each time you sign and never stored.</source>
        <translation>Thiết bị ký số (USB token) của tổ chức cung cấp dịch vụ chứng thực được dùng qua thư viện PKCS#11 cài kèm phần mềm của thiết bị (ví dụ C:\Windows\System32\vnpt-ca_csp11.dll). Mã PIN được hỏi mỗi lần ký và không bao giờ được lưu.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <source>&amp;Find tokens</source>
        <translation>&amp;Tìm thiết bị</translation>
    </message>
    <message>
        <source>PKCS#11 &amp;library:</source>
        <translation>&amp;Thư viện PKCS#11:</translation>
    </message>
    <message>
        <source>&amp;Certificate to sign with:</source>
        <translation>&amp;Chứng thư dùng để ký:</translation>
    </message>
    <message>
        <source>The counter &amp;signs its receipt slips and notices</source>
        <translation>Bộ phận một cửa &amp;ký số giấy tiếp nhận và các phiếu</translation>
    </message>
    <message>
        <source>&amp;No token</source>
        <translation>&amp;Không dùng thiết bị ký số</translation>
    </message>
    <message>
        <source>PKCS#11 library</source>
        <translation>Thư viện PKCS#11</translation>
    </message>
    <message>
        <source>No certificate found: plug the token in and try again.</source>
        <translation>Không thấy chứng thư số nào: hãy cắm thiết bị ký số vào máy rồi thử lại.</translation>
    </message>
    <message>
        <source>Choose a certificate first.</source>
        <translation>Hãy chọn một chứng thư trước.</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>&amp;Trace</source>
        <translation>Truy &amp;vết</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>khớp</translation>
    </message>
    <message>
        <source>DOES NOT MATCH</source>
        <translation>KHÔNG KHỚP</translation>
    </message>
    <message>
        <source>Received: %1 — %2</source>
        <translation>Tiếp nhận: %1 — %2</translation>
    </message>
    <message>
        <source>Procedure content: revision %1, in force from %2, SHA-256 %3 (%4)</source>
        <translation>Nội dung thủ tục: bản %1, hiệu lực từ %2, SHA-256 %3 (%4)</translation>
    </message>
    <message>
        <source>Approved through: %1</source>
        <translation>Phê duyệt qua: %1</translation>
    </message>
    <message>
        <source>Receipt form: %1 %2</source>
        <translation>Biểu mẫu tiếp nhận: %1 %2</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Nhật ký:</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>Trusted root certificates</source>
        <translation>Chứng thư gốc tin cậy</translation>
    </message>
    <message>
        <source>A digital signature is trusted when its certificate chains to one of these roots. Import the root certificate of the national root CA and of the CA that issued your tokens (.cer, .crt or .pem files).</source>
        <translation>Chữ ký số được tin cậy khi chứng thư của nó dẫn tới một trong các chứng thư gốc này. Hãy nhập chứng thư gốc của Tổ chức cung cấp dịch vụ chứng thực chữ ký số quốc gia và của tổ chức đã cấp thiết bị ký số cho đơn vị (tệp .cer, .crt hoặc .pem).</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Bỏ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>%1 (issued by %2), valid until %3 — SHA-256 %4…</source>
        <translation>%1 (cấp bởi %2), hiệu lực tới %3 — SHA-256 %4…</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Chứng thư gốc</translation>
    </message>
    <message>
        <source>Stop trusting %1?</source>
        <translation>Thôi tin cậy %1?</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>Commune / ward:</source>
        <translation>Xã / phường:</translation>
    </message>
    <message>
        <source>Province / city:</source>
        <translation>Tỉnh / thành phố:</translation>
    </message>
    <message>
        <source>District (before 1/7/2025):</source>
        <translation>Huyện (trước 01/7/2025):</translation>
    </message>
    <message>
        <source>Electronic identifier code:</source>
        <translation>Mã định danh điện tử:</translation>
    </message>
    <message>
        <source>One-stop desk name:</source>
        <translation>Tên bộ phận một cửa:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Địa chỉ:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Điện thoại:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>Thư điện tử:</translation>
    </message>
    <message>
        <source>Office hours:</source>
        <translation>Giờ làm việc:</translation>
    </message>
    <message>
        <source>Default cut-off hour:</source>
        <translation>Giờ chốt nhận hồ sơ mặc định:</translation>
    </message>
    <message>
        <source>Closing time of the N-th working day</source>
        <translation>Cuối giờ làm việc của ngày làm việc thứ N</translation>
    </message>
    <message>
        <source>Working hours (N × a working day&apos;s hours)</source>
        <translation>Theo giờ làm việc (N × số giờ làm việc một ngày)</translation>
    </message>
    <message>
        <source>Appointments:</source>
        <translation>Cách tính ngày hẹn:</translation>
    </message>
    <message>
        <source>Counted again from the start (Decree 61/2018 art. 19(4))</source>
        <translation>Tính lại thời hạn từ đầu (Nghị định 61/2018, Điều 19.4)</translation>
    </message>
    <message>
        <source>Paused: the time waited is added</source>
        <translation>Tạm dừng: cộng thêm thời gian chờ</translation>
    </message>
    <message>
        <source>When a dossier must be supplemented during processing, how its time limit goes on once it is complete again.</source>
        <translation>Khi hồ sơ phải bổ sung trong quá trình giải quyết: thời hạn được tính thế nào sau khi nhận đủ hồ sơ.</translation>
    </message>
    <message>
        <source>After a supplement (dossiers received before 1/7/2025):</source>
        <translation>Sau khi bổ sung (hồ sơ nhận trước 1/7/2025):</translation>
    </message>
    <message>
        <source>After a supplement (dossiers received from 1/7/2025):</source>
        <translation>Sau khi bổ sung (hồ sơ nhận từ 1/7/2025):</translation>
    </message>
    <message>
        <source>Counters (one per line):</source>
        <translation>Quầy tiếp nhận (mỗi dòng một quầy):</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ngày</translation>
    </message>
    <message>
        <source>Mark results waiting longer than:</source>
        <translation>Đánh dấu kết quả chờ trả quá:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Unit profile</source>
        <translation>Thông tin đơn vị</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Add user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>Sửa người dùng</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Tên đăng nhập:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Họ và tên:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Chức danh:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Vai trò</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>User name</source>
        <extracomment>how an account locked by wrong passwords stands out in the list</extracomment>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Chức danh</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Đăng nhập lần cuối</translation>
    </message>
    <message>
        <source>Locked: wrong passwords</source>
        <translation>Bị khoá do sai mật khẩu</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Đã khoá</translation>
    </message>
    <message>
        <source>Locked on %s after %d wrong passwords in a row; an administrator unlocks it.</source>
        <translation>Bị khoá lúc %s sau %d lần nhập sai mật khẩu liên tiếp; quản trị viên mở khoá.</translation>
    </message>
    <message>
        <source>%d wrong passwords in a row since the last sign-in.</source>
        <translation>%d lần nhập sai mật khẩu liên tiếp từ lần đăng nhập trước.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>Thêm người &amp;dùng…</translation>
    </message>
    <message>
        <source>&amp;Edit / roles…</source>
        <translation>&amp;Sửa / vai trò…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Khoá tài khoản</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Đặt &amp;lại mật khẩu…</translation>
    </message>
    <message>
        <source>&amp;Unlock sign-in</source>
        <translation>&amp;Gỡ khoá đăng nhập</translation>
    </message>
    <message>
        <source>Lift the lock or the wait that wrong passwords put on the account.</source>
        <translation>Gỡ khoá hoặc bỏ thời gian chờ do nhập sai mật khẩu nhiều lần.</translation>
    </message>
    <message>
        <source>Users and roles</source>
        <translation>Người dùng và vai trò</translation>
    </message>
    <message>
        <source>&amp;Reactivate</source>
        <translation>&amp;Mở khoá</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>Khoá tài khoản</translation>
    </message>
    <message>
        <source>Deactivate %s? The account is kept with its history but can no longer sign in.</source>
        <translation>Khoá tài khoản %s? Tài khoản và lịch sử vẫn được giữ nhưng không đăng nhập được nữa.</translation>
    </message>
    <message>
        <source>New password for %s</source>
        <translation>Mật khẩu mới cho %s</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Đã đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>%s must choose a new password at the next sign-in.</source>
        <translation>%s phải đặt mật khẩu mới ở lần đăng nhập tới.</translation>
    </message>
</context>
<context>
    <name>YearModel</name>
    <message>
        <source>Month %1</source>
        <translation>Tháng %1</translation>
    </message>
    <message>
        <source>working day</source>
        <translation>ngày làm việc</translation>
    </message>
    <message>
        <source>day off</source>
        <translation>ngày nghỉ</translation>
    </message>
</context>
</TS>
